import type { CombinedError } from '@urql/core';

export interface ServerProblem {
  message: string;
  /** The contract's extensions.code, e.g. OUT_OF_STOCK; undefined for a network failure. */
  code?: string;
  /** For BAD_USER_INPUT: the input field at fault. */
  field?: string;
}

/** Every problem an error carries, with the server's own messages (urql prefixes them with "[GraphQL]"). */
export function problemsOf(error: CombinedError | Error | string): ServerProblem[] {
  if (typeof error === 'string') return [{ message: error }];
  if (!('graphQLErrors' in error)) return [{ message: error.message }];
  const problems: ServerProblem[] = error.graphQLErrors.map((e) => ({
    message: e.message,
    code: typeof e.extensions?.code === 'string' ? e.extensions.code : undefined,
    field: typeof e.extensions?.field === 'string' ? e.extensions.field : undefined,
  }));
  if (error.networkError) {
    problems.push({ message: `Cannot reach the server: ${error.networkError.message}` });
  }
  if (problems.length === 0) problems.push({ message: error.message });
  return problems;
}

export function hasCode(error: CombinedError | undefined, code: string): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === code);
}
