import { Client, cacheExchange, fetchExchange, getOperationName, subscriptionExchange, type CombinedError, type Operation } from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import type { SessionStore } from '../auth/session';
import { LiveConnection } from './live-connection';

/** Operations that must not be retried after a refresh: a wrong password is UNAUTHENTICATED too. */
const SESSION_OPERATIONS = new Set(['LogIn', 'SignUp', 'RefreshSession', 'LogOut']);

export function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') || error.response?.status === 401;
}

export interface BodegaClient {
  client: Client;
  /** The WebSocket's state, for the "live" indicator. */
  live: LiveConnection;
  dispose(): void;
}

/**
 * urql for the gateway's /graphql: HTTP for queries and mutations with the access token as a
 * bearer, graphql-ws on the same path for subscriptions with the token in connection_init.
 * One client per signed-in user (make a new one on log-in and log-out), so nothing cached or
 * subscribed as one person carries over to the next.
 */
export interface BodegaClientOptions {
  /** Where the gateway is. Default: this page's origin (the gateway serves the app). */
  origin?: string;
  /** Default: the browser's fetch. */
  fetch?: typeof fetch;
}

export function createBodegaClient(sessions: SessionStore, options: BodegaClientOptions = {}): BodegaClient {
  const origin = options.origin ?? window.location.origin;
  const live = new LiveConnection();
  // The gateway closes a socket whose token no longer stands with 4403 (expired, or revoked: logged
  // out elsewhere, role changed), which graphql-ws retries: that retry refreshes first, unless the
  // session has changed meanwhile (logged out or in again here).
  let sent: string | undefined;
  let refused: string | undefined;
  const ws: WsClient = createWsClient({
    url: `${origin.replace(/^http/, 'ws')}/graphql`,
    // Called on every (re)connect: a socket reopened after the token expired sends a fresh one.
    connectionParams: async () => {
      const renew = refused !== undefined && refused === sessions.current?.accessToken ? sessions.refresh() : sessions.fresh();
      refused = undefined;
      const session = await renew.catch(() => sessions.current);
      sent = session?.accessToken;
      return session ? { authorization: `Bearer ${session.accessToken}` } : {};
    },
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    on: {
      connecting: () => live.set('connecting'),
      connected: () => live.set('connected'),
      // 1000: graphql-ws closed an idle socket (no subscriptions left) on purpose.
      closed: (event) => {
        if (closeCode(event) === FORBIDDEN_CLOSE) refused = sent;
        live.set(closeCode(event) === 1000 ? 'idle' : 'closed', closeReason(event));
      },
    },
  });

  const client = new Client({
    url: `${origin}/graphql`,
    fetch: options.fetch,
    // Apollo's CSRF prevention refuses GET requests without a preflight header; POST carries JSON.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation: Operation) {
          const session = sessions.current;
          if (!session || SESSION_OPERATIONS.has(getOperationName(operation.query) ?? '')) return operation;
          return utils.appendHeaders(operation, { Authorization: `Bearer ${session.accessToken}` });
        },
        willAuthError(operation: Operation) {
          return !SESSION_OPERATIONS.has(getOperationName(operation.query) ?? '') && sessions.expiresSoon();
        },
        didAuthError(error: CombinedError, operation: Operation) {
          return !!sessions.current && !SESSION_OPERATIONS.has(getOperationName(operation.query) ?? '') && isUnauthenticated(error);
        },
        async refreshAuth() {
          // A failure to reach the server leaves the session as it is; the retried operation then
          // fails with the network error, which the screen shows.
          await sessions.refresh().catch(() => undefined);
        },
      })),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return {
    client,
    live,
    dispose: () => {
      // graphql-ws rejects dispose() with the raw socket event when the socket is still connecting or
      // retrying; nothing is left to tell anyone then (enisdenjo/graphql-ws#365).
      Promise.resolve(ws.dispose()).catch(() => undefined);
    },
  };
}

/** graphql-ws's CloseCode.Forbidden: the socket's token was refused. */
const FORBIDDEN_CLOSE = 4403;

function closeCode(event: unknown): number | undefined {
  return event && typeof event === 'object' && 'code' in event ? (event as { code: number }).code : undefined;
}

function closeReason(event: unknown): string | undefined {
  if (event && typeof event === 'object' && 'code' in event) {
    const { code, reason } = event as { code: number; reason?: string };
    return reason ? `${reason} (${code})` : `closed with code ${code}`;
  }
  return undefined;
}
