import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { badUserInput } from '@bodega/errors';
import {
  getNamedType,
  isCompositeType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  isObjectType,
  isInterfaceType,
  type FieldNode,
} from 'graphql';

/** graphql-armor's cost model (object 2, scalar 1, ×1.5 per level), with list sizes that count. */
const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1.5;
const LIST_SIZE_ARGUMENTS = ['first', 'last'];

/**
 * What an operation may cost to resolve, estimated before any subgraph is called. A connection
 * field multiplies its selection by the page size it will return: the literal, the variable's
 * value, or the argument's default when it is left out. (graphql-armor's rule only sees literals,
 * so `first: $n` or no `first` at all counted as one item.) `__typename` is free.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const costOf = (type: GraphQLCompositeType, selectionSet: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(type, selection, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition)) cost += costOf(condition, selection.selectionSet, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        // A spread inside itself is invalid anyway; counting it once keeps this finite.
        if (fragment && condition && isCompositeType(condition) && !seen.has(fragment.name.value)) {
          cost += costOf(condition, fragment.selectionSet, new Set([...seen, fragment.name.value]));
        }
      }
    }
    return cost;
  };

  const fieldCost = (parent: GraphQLCompositeType, node: FieldNode, seen: ReadonlySet<string>): number => {
    if (node.name.value === '__typename') return 0;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!node.selectionSet) return SCALAR_COST;
    const type = field ? getNamedType(field.type) : undefined;
    const children = type && isCompositeType(type) ? costOf(type, node.selectionSet, seen) : 0;
    return (OBJECT_COST + DEPTH_FACTOR * children) * listSize(field, node, variables);
  };

  return operation.selectionSet.selections.reduce(
    (sum, selection) => sum + (selection.kind === Kind.FIELD ? fieldCost(root, selection, new Set()) : costOf(root, { kind: Kind.SELECTION_SET, selections: [selection] }, new Set())),
    0,
  );
}

function listSize(field: GraphQLField<unknown, unknown> | undefined, node: FieldNode, variables: Record<string, unknown>): number {
  if (!field) return 1;
  for (const name of LIST_SIZE_ARGUMENTS) {
    const definition = field.args.find((arg) => arg.name === name);
    if (!definition) continue;
    const given = node.arguments?.find((arg) => arg.name.value === name);
    const value = given ? valueFromAST(given.value, definition.type, variables) : definition.defaultValue;
    if (typeof value === 'number' && value > 1) return value;
  }
  return 1;
}

export function costLimitExceeded(maxCost: number, cost: number) {
  const error = badUserInput(
    `Cost limit of ${maxCost} exceeded, found ${Math.ceil(cost)}: ask for fewer items per page (first/last) or fewer fields.`,
  );
  error.extensions.reason = 'COST_LIMIT_EXCEEDED';
  return error;
}

/** Refuses (400 BAD_USER_INPUT) an operation whose cost with its variables is over `maxCost`. */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables ?? {});
          if (cost <= maxCost) return;
          const error = costLimitExceeded(maxCost, cost);
          error.extensions.http = { status: 400 };
          throw error;
        },
      };
    },
  };
}
