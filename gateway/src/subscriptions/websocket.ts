import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { AccessTokenVerifier, Identity } from '@bodega/auth';
import { refused } from '@bodega/errors';
import { REQUEST_ID_HEADER, requestIdFrom, type Logger } from '@bodega/logger';
import {
  closeWebSocketServer,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_SHUTDOWN_GRACE_MS,
  GRAPHQL_PATH,
  nulCharacterError,
  operationResolutionError,
  refuseWebSocketsWhileDraining,
} from '@bodega/server-kit';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  print,
  specifiedRules,
  type ExecutionArgs,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { LIMITS } from '../armor';
import { subscriptionScope, type GatewayContext } from '../context';
import { costLimitExceeded, operationCost } from '../cost';
import { releasing, SubscriptionAllowance, type SubscriptionCaps } from './allowance';
import { DocumentCache } from './documents';
import type { SubscriptionHub } from './hub';
import type { SubscriptionPlanner } from './planner';
import { SocketRevocations } from './revocations';

export interface GatewayWebSocketOptions {
  tokens: AccessTokenVerifier;
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  planner: SubscriptionPlanner;
  hub: SubscriptionHub;
  log: Logger;
  production: boolean;
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  /** Default: 3000 ms. */
  connectionInitWaitTimeout?: number;
  /** Subscriptions open at once per socket and per user. */
  limits?: SubscriptionCaps;
}

/** What each operation over the socket carries into `subscribe` and `execute`. */
interface SocketOperationContext extends GatewayContext {
  socket: WebSocket;
  /** A subscription's place under the caps, given back when it ends. */
  release?: () => void;
}

/** Who opened each socket, verified once at connection_init. */
interface SocketCaller {
  identity: Identity | null;
  authorization?: string;
}

function authorizationFrom(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const badInput = (message: string, reason: string) => refused(message, reason);

/**
 * graphql-ws (graphql-transport-ws) on the gateway's own port and path. Documents get
 * the same parsing limits and validation as over HTTP; subscriptions go to the hub,
 * queries and mutations through Apollo Server as if they came over HTTP.
 */
export function serveGatewayWebSocket(options: GatewayWebSocketOptions) {
  const { planner, hub, apollo } = options;
  const schema = planner.graphqlApiSchema;
  const rules = [...specifiedRules, ...options.validationRules, ...(options.production ? [NoSchemaIntrospectionCustomRule] : [])];
  const wss = new WebSocketServer({
    server: options.server,
    path: GRAPHQL_PATH,
    maxPayload: DEFAULT_BODY_LIMIT_BYTES,
    verifyClient: refuseWebSocketsWhileDraining(options.server),
  });
  const callers = new WeakMap<WebSocket, SocketCaller>();
  const documents = new DocumentCache(schema, rules, options.parseOptions);
  const allowance = new SubscriptionAllowance(options.limits);
  const revocations = new SocketRevocations(options.tokens, options.log);

  const disposable = useServer(
    {
      schema,
      connectionInitWaitTimeout: options.connectionInitWaitTimeout ?? 3000,
      // The same bearer token as over HTTP, in connection_init's payload as `authorization`.
      // None: anonymous. One that does not verify: refused (graphql-ws closes with 4403).
      onConnect: async (ctx) => {
        const authorization = authorizationFrom(ctx.connectionParams);
        try {
          const identity = await options.tokens.fromAuthorization(authorization);
          callers.set(ctx.extra.socket, { identity, authorization });
          if (identity && authorization) revocations.track(ctx.extra.socket, identity, authorization);
          return true;
        } catch (error) {
          options.log.info({ reason: (error as Error).message }, 'websocket refused: bad access token');
          return false;
        }
      },
      onClose: (ctx) => allowance.releaseSocket(ctx.extra.socket),
      onSubscribe: (ctx, id, payload) => {
        const checked = documents.check(payload.query);
        if ('parseError' in checked) return [badInput(checked.parseError.message, 'GRAPHQL_PARSE_FAILED')];
        if ('validationErrors' in checked) {
          return checked.validationErrors.map((error) => badInput(error.message, 'GRAPHQL_VALIDATION_FAILED'));
        }
        const { document } = checked;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [operationResolutionError(document, payload.operationName)];
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
        if (coerced.errors) return coerced.errors.map((error) => badInput(error.message, 'BAD_USER_INPUT'));
        const nul = nulCharacterError(document, operation, payload.variables ?? undefined);
        if (nul) return [nul];
        const cost = operationCost(schema, document, operation, coerced.coerced);
        if (cost > LIMITS.maxCost) return [badInput(costLimitExceeded(LIMITS.maxCost, cost).message, 'COST_LIMIT_EXCEEDED')];

        const caller = callers.get(ctx.extra.socket) ?? { identity: null };
        let release: (() => void) | undefined;
        if (operation.operation === 'subscription') {
          // Last: a subscription refused for anything else never holds a place.
          const place = allowance.acquire(ctx.extra.socket, id, caller.identity?.userId);
          if ('error' in place) return [place.error];
          release = place.release;
        }

        const params = ctx.connectionParams ?? {};
        const requestId = requestIdFrom(params[REQUEST_ID_HEADER] as string | undefined);
        let log: Logger | undefined;
        const contextValue: SocketOperationContext = {
          requestId,
          // Made on first use: most subscriptions never log, and a child logger each adds up.
          get log() {
            return (log ??= options.log.child({ requestId }));
          },
          identity: caller.identity,
          authorization: caller.authorization,
          clientIp: ctx.extra.request.socket.remoteAddress,
          socket: ctx.extra.socket,
          release,
        };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: coerced.coerced,
          contextValue,
        } satisfies ExecutionArgs;
      },
      subscribe: (args) => {
        const context = args.contextValue as SocketOperationContext;
        const results = hub.subscribe({
          document: args.document,
          operationName: args.operationName,
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          scope: subscriptionScope(context.identity),
          context,
          socket: context.socket,
        });
        return (context.release ? releasing(results, context.release) : results) as never;
      },
      // Results reach graphql-ws already formatted (the hub formats once per event, Apollo
      // formats query results): plain errors without toJSON(), which graphql-ws's default
      // calls, failing the whole socket (4500) on any result with an error. JSON.stringify
      // serializes either kind, so the result goes out as it is.
      onNext: (_ctx, _id, _payload, _args, result) => result,
      execute: async (args) => {
        const { socket: _socket, release: _release, ...context } = args.contextValue as SocketOperationContext;
        const response = await apollo.executeOperation(
          {
            query: print(args.document),
            operationName: args.operationName ?? undefined,
            variables: (args.variableValues ?? {}) as Record<string, unknown>,
          },
          { contextValue: context },
        );
        if (response.body.kind !== 'single') throw new Error('Incremental delivery is not served over WebSocket.');
        return response.body.singleResult as never;
      },
    },
    wss,
  );

  return {
    wss,
    /** Closes every socket with 1001 (Going Away); those still open after `graceMs` are terminated. */
    close: async (graceMs = DEFAULT_SHUTDOWN_GRACE_MS) => {
      revocations.close();
      await closeWebSocketServer(wss, () => disposable.dispose(), graceMs);
    },
  };
}
