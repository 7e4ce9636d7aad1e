/**
 * The products-query bench's server process (spawned by main.ts through bench/lib/child.ts, not
 * run by hand): the products subgraph and Bodega's gateway started by the composition root, as
 * `npm start` runs them in one process, and a stock Apollo gateway in front of the same subgraph.
 */
import { readEnv, z } from '@bodega/config';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@bodega/gateway';
import { startBenchBodega } from '../lib/bodega';
import { serveBenchChild } from '../lib/serve';
import { startStockGateway } from './stock-gateway';

const env = readEnv({ BENCH_DATABASE_URL: z.string().url() });

serveBenchChild('servers', async (log, stops) => {
  // The production defaults: a pool of 10, events on the in-process bus (the Products query publishes nothing).
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const bodega = await startBenchBodega(log, stops, { services: ['products', 'gateway'], databaseUrl: env.BENCH_DATABASE_URL, supergraphSdl });
  const stock = await startStockGateway(supergraphSdl, bodega.urls.products);
  stops.push(() => stock.close());
  return { urls: { direct: bodega.urls.products, bodega: bodega.gateway!.url, stock: stock.url } };
});
