import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { defineSubgraph, type RunningServer, type ServeOptions } from '@bodega/server-kit';
import { createContext, type Context, type Deps } from './context';
import { resolvers } from './resolvers';
import { startOrderRecovery, type OrderRecovery, type OrderRecoveryOptions } from './services/recovery';

const subgraph = defineSubgraph<Context>('orders', join(__dirname, '..', 'schema.graphql'), resolvers);
export const { typeDefs, build: buildSchema } = subgraph;
export const createApollo = (deps: Pick<Deps, 'log'>, built = buildSchema()): ApolloServer<Context> => subgraph.createApollo(deps.log, built);

export interface OrdersSubgraphOptions extends ServeOptions {
  /** Timing of the recovery of interrupted orders. Default: a pass every 5 s. */
  recovery?: OrderRecoveryOptions;
}

export interface RunningOrders extends RunningServer {
  recovery: OrderRecovery;
}

/**
 * Starts the orders subgraph on its own port: HTTP and graphql-ws on /graphql, and the
 * recovery of interrupted orders. `close()` stops both (the deps stay open).
 */
export async function startOrdersSubgraph(deps: Deps, options: OrdersSubgraphOptions): Promise<RunningOrders> {
  const running = await subgraph.serve(deps, (request) => createContext(deps, request), options);
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
