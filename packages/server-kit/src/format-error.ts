import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode, isContractError } from '@bodega/errors';
import type { Logger } from '@bodega/logger';
import { rewordCoercionError } from './coercion-errors';

/** Errors graphql-js and Apollo raise for a bad document; to the client they are bad input. */
const DOCUMENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const INTERNAL_MESSAGE =
  'Something went wrong on our side. Quote the request id (x-request-id response header) if you report it.';

type Kind = 'contract' | 'document' | 'masked-upstream' | 'unexpected';

function classify(extensions: Record<string, unknown> | undefined): Kind {
  const code = extensions?.code;
  if (code === ErrorCode.Internal) {
    // From a subgraph through the gateway: the subgraph already masked and logged it.
    return typeof extensions?.serviceName === 'string' ? 'masked-upstream' : 'unexpected';
  }
  if (isContractError(extensions)) return 'contract';
  if (typeof code === 'string' && DOCUMENT_ERROR_CODES.has(code)) return 'document';
  return 'unexpected';
}

/** Not a contract error, not a bad document, not already masked upstream: a bug or an outage to log. */
export function isUnexpectedError(error: { extensions?: Record<string, unknown> }): boolean {
  return classify(error.extensions) === 'unexpected';
}

/**
 * One error policy for every Bodega server: contract codes pass through, document
 * errors become BAD_USER_INPUT (the original code kept as `reason`), anything else
 * reaches the client masked; the plugin logs it with its cause and the request's id.
 * Stack traces never leave.
 */
export function errorPolicy(fallbackLog: Logger) {
  const formatError = (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const reworded = rewordCoercionError(formatted);
    if (reworded) return reworded;
    const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    switch (classify(extensions)) {
      case 'contract':
      case 'masked-upstream':
        return { ...formatted, extensions };
      case 'document':
        return { ...formatted, extensions: { ...extensions, code: ErrorCode.BadUserInput, reason: extensions.code } };
      case 'unexpected':
        return {
          message: INTERNAL_MESSAGE,
          locations: formatted.locations,
          path: formatted.path,
          extensions: { code: ErrorCode.Internal, ...(extensions.serviceName ? { serviceName: extensions.serviceName } : {}) },
        };
    }
  };

  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const log = (contextValue as { log?: Logger }).log ?? fallbackLog;
          for (const error of errors) {
            if (!isUnexpectedError(error)) continue;
            log.error({ err: unwrap(error), path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
  return { formatError, plugin };
}

function unwrap(error: GraphQLError): unknown {
  return error.originalError ?? error;
}
