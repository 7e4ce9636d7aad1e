import type { CombinedError } from '@urql/core';
import { problemsOf } from '../graphql/errors';

export interface FieldProblems {
  /** Messages by input field (the server's `input.` prefix dropped): `{ currentPassword: "…" }`. */
  byField: Record<string, string>;
  /** What belongs to no field (a network failure, a session that ended), for an alert above the form. */
  rest: string[];
}

/** Splits a mutation's error into messages for the form's fields and the others. */
export function fieldProblems(error: CombinedError | undefined): FieldProblems {
  const result: FieldProblems = { byField: {}, rest: [] };
  if (!error) return result;
  for (const problem of problemsOf(error)) {
    const field = problem.code === 'BAD_USER_INPUT' ? problem.field?.replace(/^input\./, '') : undefined;
    if (field && !(field in result.byField)) result.byField[field] = problem.message;
    else if (!field) result.rest.push(problem.message);
  }
  return result;
}
