import type { ServerResponse } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { InternalVerifier } from '@bodega/auth';
import type { Logger } from '@bodega/logger';
import type { GraphQLSchema } from 'graphql';
import { errorPolicy } from './format-error';
import { createHttpServer } from './drain';
import { createGraphQLHandler, listen, sendJson, type Route, type RunningServer } from './http';
import type { RequestInfo } from './request-context';
import { requestChecksPlugin } from './request-checks';
import { serveGraphQLOverWebSocket } from './websocket';

/** Apollo Server as every Bodega subgraph runs it: the shared error policy, pino, no traces. */
export function createSubgraphApollo<TContext extends BaseContext>(schema: GraphQLSchema, log: Logger): ApolloServer<TContext> {
  const errors = errorPolicy(log);
  return new ApolloServer<TContext>({
    schema,
    formatError: errors.formatError,
    logger: log,
    includeStacktraceInErrorResponses: false,
    // Traces go to Apollo's hosted studio, which Bodega does not use.
    plugins: [errors.plugin, requestChecksPlugin(), ApolloServerPluginInlineTraceDisabled()],
  });
}

export interface ServeSubgraphOptions<TContext extends BaseContext> {
  /** Shown on /health and in the log. */
  name: string;
  schema: GraphQLSchema;
  log: Logger;
  context: (request: RequestInfo) => Promise<TContext>;
  /** Checks that a request comes from the gateway or another Bodega service: nothing else is answered. */
  internal: InternalVerifier;
  port: number;
  host?: string;
  /** Serve graphql-ws on /graphql too, for the subgraph's own subscriptions. Default: true. */
  subscriptions?: boolean;
  /** Plain-HTTP routes besides /graphql and /health, by exact path (not covered by `internal`). */
  routes?: Record<string, Route>;
}

/**
 * A subgraph on its own port as every Bodega subgraph runs: HTTP (and graphql-ws) on /graphql,
 * answered only to the gateway and Bodega services (signed requests), /health, the shared error policy. `close()` stops it; what the context uses stays open.
 */
export async function serveSubgraph<TContext extends BaseContext>(options: ServeSubgraphOptions<TContext>): Promise<RunningServer> {
  const apollo = createSubgraphApollo<TContext>(options.schema, options.log);
  await apollo.start();
  const server = createHttpServer(
    createGraphQLHandler({
      apollo,
      log: options.log,
      context: options.context,
      internal: options.internal,
      routes: { ...options.routes, ...subgraphRoutes(options.name) },
    }),
  );
  const websocket =
    options.subscriptions === false
      ? undefined
      : serveGraphQLOverWebSocket(server, {
          schema: options.schema,
          log: options.log,
          context: options.context,
          formatError: errorPolicy(options.log).formatError,
          internal: options.internal,
        });
  const running = await listen(server, options.port, options.host, { closeWebSockets: websocket?.close });
  options.log.info({ url: running.url }, `${options.name} subgraph listening`);
  return {
    ...running,
    close: async (closeOptions) => {
      await running.close(closeOptions);
      await apollo.stop();
    },
  };
}

/**
 * /health (the process is up) and /ready (it takes requests) of a subgraph. While the server
 * drains, `createHttpServer` answers /ready 503 itself.
 */
export function subgraphRoutes(name: string) {
  return {
    '/health': (_req: unknown, res: ServerResponse) => sendJson(res, 200, { status: 'ok', service: name }),
    '/ready': (_req: unknown, res: ServerResponse) => sendJson(res, 200, { status: 'ready', service: name }),
  };
}
