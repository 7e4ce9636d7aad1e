import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isContractError } from '@bodega/errors';
import type { Logger } from '@bodega/logger';

/** Errors graphql-js and Apollo raise for a bad document; to the client they are bad input. */
const DOCUMENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const INTERNAL_MESSAGE = 'Something went wrong on our side. Quote the request id if you report it.';

/**
 * One error policy for every Bodega server: contract codes pass through, document
 * errors become BAD_USER_INPUT (the original code kept as `reason`), anything else
 * is logged with its cause and reaches the client masked. Stack traces never leave.
 */
export function createFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    if (isContractError(extensions) && code !== ErrorCode.Internal) {
      return { ...formatted, extensions };
    }
    if (code && DOCUMENT_ERROR_CODES.has(code)) {
      return { ...formatted, extensions: { ...extensions, code: ErrorCode.BadUserInput, reason: code } };
    }
    // From a subgraph through the gateway: the subgraph already masked and logged it.
    if (code === ErrorCode.Internal && typeof extensions.serviceName === 'string') {
      return { ...formatted, extensions };
    }
    log.error({ err: unwrap(error), path: formatted.path }, 'unexpected error');
    return {
      message: INTERNAL_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.Internal, ...(extensions.serviceName ? { serviceName: extensions.serviceName } : {}) },
    };
  };
}

function unwrap(error: unknown): unknown {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  return original ?? error;
}
