import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { defineSubgraph, type RunningServer, type ServeOptions } from '@bodega/server-kit';
import type { AlertDeliveryConfig } from './alerts/config';
import { createAlertWorker } from './alerts/worker';
import { createContext, type Context, type Deps } from './context';
import { resolvers } from './resolvers';

const subgraph = defineSubgraph<Context>('products', join(__dirname, '..', 'schema.graphql'), resolvers);
export const { typeDefs, build: buildSchema } = subgraph;
export const createApollo = (deps: Pick<Deps, 'log'>, built = buildSchema()): ApolloServer<Context> => subgraph.createApollo(deps.log, built);

export interface ProductsSubgraphOptions extends ServeOptions {
  /**
   * Low-stock alert delivery (see `readProductsConfig().alerts`). Omitted: no worker and no
   * log line (tests). Without a webhook URL: no worker, and the log says alerts are not delivered.
   */
  alerts?: AlertDeliveryConfig;
}

/**
 * Starts the products subgraph on its own port: HTTP and graphql-ws on /graphql, and the
 * low-stock alert worker when `options.alerts` has a webhook URL.
 * `close()` stops it (the deps stay open).
 */
export async function startProductsSubgraph(deps: Deps, options: ProductsSubgraphOptions): Promise<RunningServer> {
  // Built first so a bad configuration fails before anything listens; started once the server is up.
  const alertWorker = options.alerts ? createAlertWorker(deps, options.alerts) : undefined;
  if (alertWorker) deps = { ...deps, alertWorker };
  if (options.alerts && !options.alerts.webhookUrl) deps = { ...deps, alertWebhookMissing: true };
  const running = await subgraph.serve(deps, (request) => createContext(deps, request), options);
  await alertWorker?.start();
  return {
    ...running,
    close: async (closeOptions) => {
      await running.close(closeOptions);
      await alertWorker?.stop();
    },
  };
}
