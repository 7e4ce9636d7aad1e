import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createGraphQLHandler,
  createHttpServer,
  createSubgraphApollo,
  errorPolicy,
  listen,
  sendJson,
  serveGraphQLOverWebSocket,
  type RunningServer,
} from '@bodega/server-kit';
import { parse } from 'graphql';
import { createContext, type Context, type Deps } from './context';
import { resolvers } from './resolvers';
import { startOrderRecovery, type OrderRecovery, type OrderRecoveryOptions } from './services/recovery';

export const typeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export function buildSchema() {
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
}

export function createApollo(deps: Deps, schema = buildSchema()): ApolloServer<Context> {
  return createSubgraphApollo<Context>(schema, deps.log);
}

export interface RunningOrders extends RunningServer {
  recovery: OrderRecovery;
}

/**
 * Starts the orders subgraph on its own port: HTTP and graphql-ws on /graphql, and the
 * recovery of interrupted orders. `close()` stops both (the deps stay open).
 */
export async function startOrdersSubgraph(
  deps: Deps,
  port: number,
  options: { host?: string; recovery?: OrderRecoveryOptions } = {},
): Promise<RunningOrders> {
  const host = options.host;
  const schema = buildSchema();
  const apollo = createApollo(deps, schema);
  await apollo.start();
  const server = createHttpServer(
    createGraphQLHandler({
      apollo,
      log: deps.log,
      context: async (request) => createContext(deps, request),
      routes: { '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'orders' }) },
    }),
  );
  const websocket = serveGraphQLOverWebSocket(server, {
    schema,
    log: deps.log,
    context: (request) => createContext(deps, request),
    formatError: errorPolicy(deps.log).formatError,
  });
  const running = await listen(server, port, host);
  deps.log.info({ url: running.url }, 'orders subgraph listening');
  const recovery = startOrderRecovery(deps, options.recovery);
  return {
    ...running,
    recovery,
    close: async () => {
      await recovery.stop();
      await websocket.close();
      await running.close();
      await apollo.stop();
    },
  };
}
