import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { CLIENT_IP_HEADER, type InternalVerifier, type VerifiedCaller } from '@bodega/auth';
import { REQUEST_ID_HEADER, requestIdFrom, type Logger } from '@bodega/logger';
import { DEFAULT_SHUTDOWN_GRACE_MS, refuseWebSocketsWhileDraining } from './drain';
import { isUnexpectedError } from './format-error';
import { GRAPHQL_PATH } from './http';

export interface WebSocketOptions<TContext> {
  schema: GraphQLSchema;
  log: Logger;
  context: (info: { requestId: string; log: Logger; authorization?: string; caller?: VerifiedCaller }) => TContext | Promise<TContext>;
  formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
  /** Default: 3000 ms. */
  connectionInitWaitTimeout?: number;
  /**
   * Accept only connections whose `connection_init` carries the gateway's (or a service's)
   * signature (`signature`); others are closed with 4403. Default: none.
   */
  internal?: InternalVerifier;
}

/**
 * graphql-ws (graphql-transport-ws protocol) on the same port and path as HTTP, for
 * a subgraph's own subscriptions. Errors follow the same policy as over HTTP.
 */
export function serveGraphQLOverWebSocket<TContext>(server: Server, options: WebSocketOptions<TContext>) {
  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH, verifyClient: refuseWebSocketsWhileDraining(server) });
  const callers = new WeakMap<object, VerifiedCaller>();
  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      connectionInitWaitTimeout: options.connectionInitWaitTimeout ?? 3000,
      onConnect: (ctx) => {
        if (!options.internal) return true;
        const signature = stringOrUndefined(ctx.connectionParams?.signature);
        const caller = options.internal.verify(signature, { kind: 'ws', method: 'GET', target: ctx.extra.request.url ?? '/' });
        if (!caller) {
          options.log.info({ remoteAddress: ctx.extra.request.socket.remoteAddress }, 'unsigned websocket refused');
          return false;
        }
        callers.set(ctx.extra.socket, caller);
        return true;
      },
      // Per operation: the gateway multiplexes many callers on one connection and sends each
      // subscription's caller in the subscribe message's extensions.
      context: (ctx, _id, payload) => {
        const params = ctx.connectionParams ?? {};
        const extensions = payload.extensions ?? {};
        const requestId = requestIdFrom(
          (extensions[REQUEST_ID_HEADER] as string | undefined) ??
            (params[REQUEST_ID_HEADER] as string | undefined) ??
            ctx.extra.request.headers[REQUEST_ID_HEADER] ??
            randomUUID(),
        );
        const authorization = stringOrUndefined(extensions.authorization) ?? stringOrUndefined(params.authorization);
        // The connection proved it is the gateway's, so what it says of each caller is believed.
        const connection = callers.get(ctx.extra.socket);
        const clientIp = stringOrUndefined(extensions[CLIENT_IP_HEADER]);
        const caller = connection && (clientIp ? { ...connection, clientIp } : connection);
        return options.context({ requestId, log: options.log.child({ requestId }), authorization, caller }) as never;
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        const { errors } = result as ExecutionResult;
        const log = (args.contextValue as { log?: Logger } | undefined)?.log ?? options.log;
        for (const error of errors ?? []) {
          if (isUnexpectedError(error)) log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
        }
        return formatResult(result as ExecutionResult, options.formatError);
      },
    },
    wss,
  );
  return {
    /** Closes every socket with 1001 (Going Away); those still open after `graceMs` are terminated. */
    close: (graceMs = DEFAULT_SHUTDOWN_GRACE_MS) => closeWebSocketServer(wss, () => disposable.dispose(), graceMs),
  };
}

/**
 * graphql-ws's dispose sends every socket 1001 and waits for each close handshake, which a client
 * that stopped reading never completes (ws waits 30 s): past `graceMs` the rest are terminated.
 */
export async function closeWebSocketServer(wss: WebSocketServer, dispose: () => void | Promise<void>, graceMs: number): Promise<void> {
  const timer = setTimeout(() => {
    for (const client of wss.clients) client.terminate();
  }, graceMs);
  try {
    await dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  } finally {
    clearTimeout(timer);
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function formatResult(result: ExecutionResult, formatError: WebSocketOptions<unknown>['formatError']) {
  if (!result.errors) return result;
  return { ...result, errors: result.errors.map((error) => formatError(error.toJSON())) };
}
