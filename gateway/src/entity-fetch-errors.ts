import { ErrorCode } from '@bodega/errors';
import { INTERNAL_MESSAGE } from '@bodega/server-kit';
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

/**
 * The answer a subgraph would have given to an entity fetch whose every field failed: `_entities`
 * all null, and an error for each field each entity was to get, at `['_entities', i, field]`. The
 * gateway maps those paths onto the client's response (`['placeOrder', 'customer', 'email']`) as it
 * does for a subgraph's own errors, so the client sees which fields are missing and why, and the
 * rest of its answer.
 */
export function failedEntityFetch(
  serviceName: string,
  unavailable: boolean,
  query: { document?: DocumentNode; text?: string },
  representations: ReadonlyArray<unknown>,
): { data: { _entities: null[] }; errors: GraphQLFormattedError[] } {
  const message = unavailable
    ? `The ${serviceName} service cannot be reached right now, so this field is missing; the rest of the answer stands.`
    : INTERNAL_MESSAGE;
  const extensions = { code: unavailable ? ErrorCode.ServiceUnavailable : ErrorCode.Internal, serviceName };
  const fields = requestedFields(query);
  const errors = representations.flatMap((representation, index) => {
    const typename = (representation as { __typename?: unknown } | null)?.__typename;
    const keys = (typeof typename === 'string' && fields.get(typename)) || [...new Set([...fields.values()].flat())];
    return keys.length > 0
      ? keys.map((key) => ({ message, path: ['_entities', index, key], extensions }))
      : [{ message, path: ['_entities', index], extensions }];
  });
  return { data: { _entities: representations.map(() => null) }, errors };
}

/** Response keys the fetch selects on each entity type: `_entities { ... on User { email } }` → User: [email]. */
function requestedFields(query: { document?: DocumentNode; text?: string }): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  let document = query.document;
  try {
    document ??= query.text ? parse(query.text) : undefined;
  } catch {
    return fields;
  }
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return fields;
  const entities = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities');
  if (!entities || entities.kind !== Kind.FIELD || !entities.selectionSet) return fields;
  const fragments = new Map(
    document!.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  for (const selection of entities.selectionSet.selections) {
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : undefined;
    if (!fragment?.typeCondition) continue;
    const typename = fragment.typeCondition.name.value;
    fields.set(typename, [...(fields.get(typename) ?? []), ...responseKeys(fragment.selectionSet, fragments)]);
  }
  return fields;
}

function responseKeys(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  const keys = selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [selection.alias?.value ?? selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return responseKeys(selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return [];
    return responseKeys(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value]));
  });
  return [...new Set(keys)];
}
