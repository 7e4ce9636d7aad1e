import { GraphQLError } from 'graphql';
import type { ZodError } from 'zod';

/** The contract's error codes (shared/contract/operations.graphql), plus the masked fallback. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  OutOfStock: 'OUT_OF_STOCK',
  InvalidTransition: 'INVALID_TRANSITION',
  RateLimited: 'RATE_LIMITED',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const CONTRACT_CODES = new Set<string>(Object.values(ErrorCode));

function domainError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badUserInput = (message: string, field?: string) =>
  domainError(ErrorCode.BadUserInput, message, field ? { field } : {});

export const notFound = (entity: string, id: string) =>
  domainError(ErrorCode.NotFound, `No ${entity} has the id "${id}".`, { entity, id });

export const outOfStock = (product: { id: string; name: string; stock: number }, requested: number) =>
  domainError(
    ErrorCode.OutOfStock,
    `Only ${product.stock} of "${product.name}" in stock; ${requested} requested.`,
    { productId: product.id, available: product.stock, requested },
  );

export const conflict = (message: string) => domainError(ErrorCode.Conflict, message);
export const unauthenticated = (message = 'Sign in to do this.') =>
  domainError(ErrorCode.Unauthenticated, message);
export const forbidden = (message = 'Your role does not allow this.') =>
  domainError(ErrorCode.Forbidden, message);
/** `allowed`: where `from` may go instead (empty: it is final). */
export const invalidTransition = (entity: string, from: string, to: string, allowed: readonly string[]) =>
  domainError(
    ErrorCode.InvalidTransition,
    `${entity} cannot move from ${from} to ${to}: ${allowed.length ? `from ${from} it can move to ${allowed.join(' or ')}` : `${from} is final`}.`,
    { from, to, allowed },
  );
export const rateLimited = (retryAfterSeconds: number) =>
  domainError(ErrorCode.RateLimited, `Too many attempts; try again in ${retryAfterSeconds} s.`, {
    retryAfter: retryAfterSeconds,
  });
export const serviceUnavailable = (message: string, details: Record<string, unknown> = {}) =>
  domainError(ErrorCode.ServiceUnavailable, message, details);
/**
 * A request the server will not take as sent (a document over a limit, too many subscriptions):
 * BAD_USER_INPUT with a stable `reason` clients can branch on, and what the limit was.
 */
export const refused = (message: string, reason: string, details: Record<string, unknown> = {}) =>
  domainError(ErrorCode.BadUserInput, message, { reason, ...details });
/** Something failed on the server's side; the message says nothing more on purpose. */
export const internalError = (message = 'Something went wrong on our side.') => domainError(ErrorCode.Internal, message);

/**
 * Turns zod's first issue into BAD_USER_INPUT: `extensions.field` names the offending field (dotted
 * path, e.g. `input.password`) for forms to put the message next to it; the message itself is a
 * sentence for people, never a path: a rule's own sentence ("Use at least 10 characters…") as is,
 * or the field's name in words before a short rule ("Low stock threshold must be 0 or more.").
 */
export function fromZodError(error: ZodError, root?: string): GraphQLError {
  const issue = error.issues[0];
  const segments = [root, ...(issue?.path ?? [])].filter((p): p is PropertyKey => p !== undefined && p !== "");
  const path = segments.join('.');
  if (!issue) return badUserInput('Invalid input.', path || undefined);
  return badUserInput(sentence(issue.message, fieldWords(segments)), path || undefined);
}

/** The last named segment in words: `lowStockThreshold` → "low stock threshold", `orderId` → "order id". */
function fieldWords(segments: ReadonlyArray<PropertyKey>): string {
  const name = [...segments].reverse().find((segment): segment is string => typeof segment === 'string' && segment !== 'input');
  if (!name) return 'the input';
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
}

function sentence(message: string, field: string): string {
  const text = /^[A-Z]/.test(message) ? message : `${field.charAt(0).toUpperCase()}${field.slice(1)} ${message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Parses with a zod schema at the edge; failures become BAD_USER_INPUT. */
export function parseInput<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  value: unknown,
  root?: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, root);
  return result.data;
}

/** True when an error already carries one of the contract's codes and can reach a client as is. */
export function isContractError(extensions: { code?: unknown } | undefined): boolean {
  return typeof extensions?.code === 'string' && CONTRACT_CODES.has(extensions.code);
}
