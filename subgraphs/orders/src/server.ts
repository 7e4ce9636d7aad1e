import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphApollo, serveSubgraph, type RunningServer } from '@bodega/server-kit';
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
  const running = await serveSubgraph({
    name: 'orders',
    schema: buildSchema(),
    log: deps.log,
    context: (request) => createContext(deps, request),
    internal: deps.internal,
    port,
    host: options.host,
  });
  const recovery = startOrderRecovery(deps, options.recovery);
  return {
    ...running,
    recovery,
    close: async (closeOptions) => {
      await running.close(closeOptions);
      await recovery.stop();
    },
  };
}
