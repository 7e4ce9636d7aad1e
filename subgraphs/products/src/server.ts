import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphApollo, serveSubgraph, type RunningServer } from '@bodega/server-kit';
import { parse } from 'graphql';
import type { AlertDeliveryConfig } from './alerts/config';
import { createAlertWorker } from './alerts/worker';
import { createContext, type Context, type Deps, type RequestInfo } from './context';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export function buildSchema() {
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
}

export function createApollo(deps: Deps, schema = buildSchema()): ApolloServer<Context> {
  return createSubgraphApollo<Context>(schema, deps.log);
}

export interface ProductsSubgraphOptions {
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
export async function startProductsSubgraph(
  deps: Deps,
  port: number,
  host?: string,
  options: ProductsSubgraphOptions = {},
): Promise<RunningServer> {
  // Built first so a bad configuration fails before anything listens; started once the server is up.
  const alertWorker = options.alerts ? createAlertWorker(deps, options.alerts) : undefined;
  if (alertWorker) deps = { ...deps, alertWorker };
  const context = (request: RequestInfo) => createContext(deps, request);
  const running = await serveSubgraph({ name: 'products', schema: buildSchema(), log: deps.log, context, internal: deps.internal, port, host });
  await alertWorker?.start();
  return {
    ...running,
    close: async (closeOptions) => {
      await running.close(closeOptions);
      await alertWorker?.stop();
    },
  };
}
