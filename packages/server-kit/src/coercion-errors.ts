import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@bodega/errors';

const INT_MAX = 2_147_483_647;
const INT_MIN = -2_147_483_648;

// graphql-js's wording, e.g. `Variable "$input" got invalid value 3000000000 at "input.stock"; Int cannot
// represent non 32-bit signed integer value: 3000000000`, or the same without the variable for a literal.
const VARIABLE = /^Variable "\$(\w+)" got invalid value (.*?)(?: at "([\w.[\]]+)")?; (.*)$/s;
const INT_RANGE = /^Int cannot represent non 32-bit signed integer value/;
const NOT_INTEGER = /^Int cannot represent non-integer value/;
const NOT_NUMBER = /^(Int|Float) cannot represent non numeric value/;

function words(field: string): string {
  const name = field.split('.').filter((segment) => !/^\d+$/.test(segment) && segment !== 'input').at(-1) ?? 'the value';
  const spaced = name.replace(/\[\d+\]/g, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A plain sentence for graphql-js's number coercion failures; null for anything else. */
function sentenceFor(reason: string, field: string | undefined): string | null {
  const subject = field ? words(field) : 'A number in the request';
  if (INT_RANGE.test(reason)) return `${subject} is out of range: use a whole number from ${INT_MIN} to ${INT_MAX}.`;
  if (NOT_INTEGER.test(reason)) return `${subject} must be a whole number.`;
  if (NOT_NUMBER.test(reason)) return `${subject} must be a number.`;
  return null;
}

/**
 * graphql-js's "Int cannot represent non 32-bit signed integer value" (and its non-integer and
 * non-numeric siblings) as BAD_USER_INPUT with a sentence a person can act on and the field in
 * `extensions.field` (the variable's path, e.g. `input.stock`), for variables and literals alike.
 * The original wording stays out of the message; `reason` says which rule it was.
 */
export function rewordCoercionError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const variable = VARIABLE.exec(formatted.message);
  const reason = variable ? variable[4]! : formatted.message;
  const field = variable ? (variable[3] ?? variable[1]) : undefined;
  const message = sentenceFor(reason, field);
  if (!message) return null;
  const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return {
    ...formatted,
    message,
    extensions: { ...extensions, code: ErrorCode.BadUserInput, reason: INT_RANGE.test(reason) ? 'INT_RANGE' : 'NOT_A_NUMBER', ...(field ? { field } : {}) },
  };
}
