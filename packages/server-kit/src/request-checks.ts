// Requests that are wrong in ways graphql-js validation does not see, checked once at the edge
// for every operation (HTTP and graphql-ws, gateway and subgraphs) instead of in each resolver.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '@bodega/errors';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

const NUL = '\u0000';

function badRequest(message: string, reason: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, reason, ...extra } });
}

/**
 * Why `document` has no operation to run under `operationName`: several operations and no name,
 * or a name none of them has. (Apollo's gateway answers both with a 500.)
 */
export function operationResolutionError(document: DocumentNode, operationName: string | null | undefined): GraphQLError {
  const names = document.definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => operation.name?.value ?? '(anonymous)');
  const listed = names.map((name) => (name === '(anonymous)' ? name : `"${name}"`)).join(', ');
  const message =
    names.length === 0
      ? 'The document has no operation to run; send a query, mutation or subscription.'
      : operationName
        ? `The document has no operation named "${operationName}"; it has ${listed}. Send one of those as operationName.`
        : `The document has ${names.length} operations (${listed}); send the name of the one to run as operationName.`;
  return badRequest(message, 'OPERATION_RESOLUTION_FAILURE');
}

/** Subscriptions need a stream; over HTTP there is none. */
export function subscriptionOverHttpError(): GraphQLError {
  return badRequest(
    'Subscriptions are served over WebSocket (graphql-transport-ws) on the same /graphql URL, not over HTTP: open a WebSocket there and send this operation in a subscribe message.',
    'SUBSCRIPTION_OVER_HTTP',
  );
}

/**
 * The first string in `operation`'s arguments (and variable defaults) or in its `variables` that
 * holds a NUL character, which no text column can store (Postgres refuses it, and the request
 * failed as an internal error). `field` is the argument or variable with its path: `input.name`.
 */
export function nulCharacterError(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | undefined {
  const declared = new Set(operation.variableDefinitions?.map((definition) => definition.variable.name.value));
  for (const [name, value] of Object.entries(variables ?? {})) {
    // Searched without building paths first: nearly every request has no NUL at all.
    const path = declared.has(name) && holdsNul(value) ? nulPath(value, [name]) : undefined;
    if (path) return nulError(path);
  }
  for (const definition of operation.variableDefinitions ?? []) {
    const path = definition.defaultValue && literalNulPath(definition.defaultValue, [definition.variable.name.value]);
    if (path) return nulError(path);
  }
  const path = selectionNulPath(operation.selectionSet, fragmentsOf(document), new Set());
  return path ? nulError(path) : undefined;
}

/** A hand-written walk rather than graphql's visit(): it runs for every request of every service. */
function selectionNulPath(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string>,
): string[] | undefined {
  for (const selection of selectionSet.selections) {
    for (const argument of [...(selection.directives ?? []).flatMap((directive) => directive.arguments ?? []), ...(selection.kind === Kind.FIELD ? (selection.arguments ?? []) : [])]) {
      const path = literalNulPath(argument.value, [argument.name.value]);
      if (path) return path;
    }
    let inner: SelectionSetNode | undefined;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      if (seen.has(selection.name.value)) continue;
      seen.add(selection.name.value);
      inner = fragments.get(selection.name.value)?.selectionSet;
    } else {
      inner = selection.selectionSet;
    }
    const path = inner && selectionNulPath(inner, fragments, seen);
    if (path) return path;
  }
  return undefined;
}

function nulError(path: string[]): GraphQLError {
  const field = path.join('.');
  return badRequest(`${field}: contains a NUL character (\\u0000), which text cannot hold; remove it and send the request again.`, 'NUL_CHARACTER', {
    field,
  });
}

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') {
    for (const key in value) if (holdsNul((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function nulPath(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, [...path, String(index)]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

function literalNulPath(value: ValueNode, path: string[]): string[] | undefined {
  switch (value.kind) {
    case Kind.STRING:
      return value.value.includes(NUL) ? path : undefined;
    case Kind.LIST:
      for (const [index, item] of value.values.entries()) {
        const found = literalNulPath(item, [...path, String(index)]);
        if (found) return found;
      }
      return undefined;
    case Kind.OBJECT:
      for (const field of value.fields) {
        const found = literalNulPath(field.value, [...path, field.name.value]);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

function fragmentsOf(document: DocumentNode): ReadonlyMap<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * Answers, before anything runs, with 400 BAD_USER_INPUT: a document whose operation cannot be
 * chosen, a subscription sent over HTTP, and a NUL character in any string argument or variable.
 */
export function requestChecksPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          const error = !operation
            ? operationResolutionError(document, request.operationName)
            : operation.operation === 'subscription'
              ? subscriptionOverHttpError()
              : nulCharacterError(document, operation, request.variables);
          if (!error) return;
          error.extensions.http = { status: 400 };
          throw error;
        },
      };
    },
  };
}
