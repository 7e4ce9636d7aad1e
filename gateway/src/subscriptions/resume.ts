import { Kind, getOperationAST, type DocumentNode } from 'graphql';

/**
 * True when the subscription's root field is given an `after` cursor (messageAdded(after:)): the
 * subgraph replays what came after it before going live, so a client joining a shared upstream
 * subscription late would miss that replay. Such subscriptions get an upstream of their own.
 */
export function resumesFromCursor(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation) return false;
  return operation.selectionSet.selections.some(
    (selection) =>
      selection.kind === Kind.FIELD &&
      (selection.arguments ?? []).some((argument) => {
        if (argument.name.value !== 'after') return false;
        if (argument.value.kind === Kind.VARIABLE) return variables[argument.value.name.value] != null;
        return argument.value.kind !== Kind.NULL;
      }),
  );
}
