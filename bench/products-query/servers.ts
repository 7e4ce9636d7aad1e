/**
 * The server process of the bench (spawned by child.ts, not run by hand): the products
 * subgraph, Bodega's gateway and a stock Apollo gateway, all in this one process and
 * in front of the same subgraph, as `npm start` runs them. It prints one ready line
 * with the URLs on stdout, answers CPU usage questions over the IPC channel, and
 * stops on SIGTERM, SIGINT or when the IPC channel closes (the parent died).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readEnv, z } from '@bodega/config';
import { createPrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { SUPERGRAPH_PATH, startGateway } from '@bodega/gateway';
import { createLogger } from '@bodega/logger';
import { startProductsSubgraph } from '@bodega/products';
import { benchGatewaySigner, benchInternal, benchTokens } from './auth';
import { stopOnExit } from './lifecycle';
import { isUsageRequest, readyLine, type UsageReply } from './protocol';
import { startStockGateway } from './stock-gateway';

const env = readEnv({
  BENCH_DATABASE_URL: z.string().url(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

async function main() {
  const log = createLogger('bench-servers', env.LOG_LEVEL);
  const stops = stopOnExit(log);
  process.on('message', (message: unknown) => {
    if (!isUsageRequest(message) || !process.send) return;
    const { idle, active } = performance.eventLoopUtilization();
    const reply: UsageReply = { type: 'usage', id: message.id, cpu: process.cpuUsage(), eventLoop: { idle, active } };
    process.send(reply);
  });

  // The products subgraph's production defaults: a pool of 10, events on the in-process bus
  // (the Products query publishes nothing).
  const prisma = createPrismaClient(env.BENCH_DATABASE_URL);
  const events = createEventBus({ log });
  stops.push(() => prisma.$disconnect(), () => events.close());

  const products = await startProductsSubgraph({ prisma, events, log: log.child({ service: 'products' }), tokens: benchTokens, internal: benchInternal }, { port: 0 });
  stops.push(() => products.close());

  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const bodega = await startGateway(
    { tokens: benchTokens, signer: benchGatewaySigner, log: log.child({ service: 'gateway' }) },
    {
      port: 0,
      production: true,
      supergraphSdl,
      subgraphUrls: { products: products.url },
    },
  );
  stops.push(() => bodega.close());

  const stock = await startStockGateway(supergraphSdl, products.url);
  stops.push(() => stock.close());

  process.stdout.write(readyLine({ urls: { direct: products.url, bodega: bodega.url, stock: stock.url }, pid: process.pid }));
}

main().catch((error: unknown) => {
  createLogger('bench-servers').fatal({ err: error }, 'bench servers failed to start');
  process.exit(1);
});
