/**
 * A server process of the subscriptions and stock-contention benches (spawned by
 * bench/subscriptions.ts and bench/stock-contention.ts, not run by hand). BENCH_ROLE picks what it runs:
 *
 * - `products`: the products subgraph, on Postgres and on the Redis event bus, as in production.
 * - `subgraphs`: the accounts, products and orders subgraphs, sharing one Prisma pool and the Redis
 *   event bus as `npm start` runs them (scripts/start.ts), each on its own port.
 * - `gateway`: Bodega's gateway alone, in front of the subgraphs at BENCH_PRODUCTS_URL (and
 *   BENCH_ACCOUNTS_URL, BENCH_ORDERS_URL when set), so this process's memory is the gateway's.
 *
 * It prints one ready line on stdout, answers stats questions over the IPC channel (CPU,
 * event loop, memory and, in the gateway, the subscription hub's counts), and stops on
 * SIGTERM, SIGINT or when the IPC channel closes (the parent died).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { accountsStanding, startAccountsSubgraph } from '@bodega/accounts';
import { AccessTokenSigner, remoteStanding, STANDING_PATH } from '@bodega/auth';
import { readEnv, z } from '@bodega/config';
import { createPrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { SUPERGRAPH_PATH, startGateway, type RunningGateway } from '@bodega/gateway';
import { createLogger, type Logger } from '@bodega/logger';
import { createStockClient, startOrdersSubgraph } from '@bodega/orders';
import { startProductsSubgraph } from '@bodega/products';
import { BENCH_SIGNING_KEY, benchGatewaySigner, benchInternal, benchOrdersSigner, benchTokens, benchVerifier } from './auth';
import { stopOnExit, type Stop } from './lifecycle';
import {
  isHeapSnapshotRequest,
  isStatsRequest,
  readyLine,
  SUBSCRIPTION_SERVER_ROLES,
  type HeapSnapshotReply,
  type SubscriptionServerRole,
  type StatsReply,
} from './subscription-protocol';

const env = readEnv({
  BENCH_ROLE: z.enum(SUBSCRIPTION_SERVER_ROLES),
  BENCH_DATABASE_URL: z.string().url().optional(),
  BENCH_REDIS_URL: z.string().url().optional(),
  BENCH_PRODUCTS_URL: z.string().url().optional(),
  BENCH_ACCOUNTS_URL: z.string().url().optional(),
  BENCH_ORDERS_URL: z.string().url().optional(),
  /** Connections in the subgraphs' shared Prisma pool (`subgraphs` role). Default: 10, as `npm start`. */
  BENCH_POOL: z.coerce.number().int().min(1).max(90).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

async function main() {
  const log = createLogger(`bench-${env.BENCH_ROLE}`, env.LOG_LEVEL);
  const stops = stopOnExit(log);

  const started = await ROLES[env.BENCH_ROLE](log, stops);

  process.on('message', (message: unknown) => {
    if (isHeapSnapshotRequest(message) && process.send) {
      // Blocks this process for a few seconds at 10,000 subscribers; only when asked for.
      const file = writeHeapSnapshot(join(message.dir, `${env.BENCH_ROLE}-${message.tag}-${process.pid}.heapsnapshot`));
      const reply: HeapSnapshotReply = { type: 'heap-snapshot', id: message.id, file };
      process.send(reply);
      return;
    }
    if (!isStatsRequest(message) || !process.send) return;
    if (message.gc) globalThis.gc?.();
    const { idle, active } = performance.eventLoopUtilization();
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    const reply: StatsReply = {
      type: 'stats',
      id: message.id,
      cpu: process.cpuUsage(),
      eventLoop: { idle, active },
      memory: { rss, heapTotal, heapUsed, external, arrayBuffers },
      hub: started.gateway?.subscriptions.stats(),
    };
    process.send(reply);
  });

  process.stdout.write(readyLine({ role: env.BENCH_ROLE, url: started.url, subgraphUrls: started.subgraphUrls, pid: process.pid }));
}

interface Started {
  url: string;
  subgraphUrls?: Record<string, string>;
  gateway?: RunningGateway;
}

const ROLES: Record<SubscriptionServerRole, (log: Logger, stops: Stop[]) => Promise<Started>> = {
  products: startProducts,
  subgraphs: startSubgraphs,
  gateway: startGatewayOnly,
};

async function startProducts(log: Logger, stops: Stop[]): Promise<Started> {
  const databaseUrl = required(env.BENCH_DATABASE_URL, 'BENCH_DATABASE_URL');
  const redisUrl = required(env.BENCH_REDIS_URL, 'BENCH_REDIS_URL');
  // The products subgraph's production defaults: a pool of 10, events on Redis.
  const prisma = createPrismaClient(databaseUrl);
  const events = createEventBus({ redisUrl, log });
  stops.push(() => prisma.$disconnect(), () => events.close());
  const products = await startProductsSubgraph({ prisma, events, log: log.child({ service: 'products' }), tokens: benchTokens, internal: benchInternal }, { port: 0 });
  stops.push(() => products.close());
  return { url: products.url };
}

/** The three subgraphs as scripts/start.ts runs them: one Prisma pool, one event bus, orders taking stock from products over HTTP. */
async function startSubgraphs(log: Logger, stops: Stop[]): Promise<Started> {
  const databaseUrl = required(env.BENCH_DATABASE_URL, 'BENCH_DATABASE_URL');
  const redisUrl = required(env.BENCH_REDIS_URL, 'BENCH_REDIS_URL');
  const prisma = createPrismaClient(databaseUrl, { maxConnections: env.BENCH_POOL });
  const events = createEventBus({ redisUrl, log });
  stops.push(() => prisma.$disconnect(), () => events.close());
  // One verifier for the three, reading standing from the accounts tables, as scripts/start.ts does.
  const signer = await AccessTokenSigner.create([BENCH_SIGNING_KEY]);
  const tokens = benchVerifier(accountsStanding(prisma));
  await tokens.follow(events);
  const internal = benchInternal;
  const accounts = await startAccountsSubgraph({ prisma, signer, tokens, events, internal, log: log.child({ service: 'accounts' }) }, { port: 0 });
  stops.push(() => accounts.close());
  const products = await startProductsSubgraph({ prisma, events, log: log.child({ service: 'products' }), tokens, internal }, { port: 0 });
  stops.push(() => products.close());
  const ordersLog = log.child({ service: 'orders' });
  const stock = createStockClient({ url: products.url, signer: benchOrdersSigner, log: ordersLog });
  const orders = await startOrdersSubgraph({ prisma, events, log: ordersLog, tokens, internal, stock, shopCurrency: 'EUR' }, { port: 0 });
  stops.push(() => orders.close());
  return { url: products.url, subgraphUrls: { accounts: accounts.url, products: products.url, orders: orders.url } };
}

async function startGatewayOnly(log: Logger, stops: Stop[]): Promise<Started> {
  const subgraphUrls: Record<string, string> = { products: required(env.BENCH_PRODUCTS_URL, 'BENCH_PRODUCTS_URL') };
  if (env.BENCH_ACCOUNTS_URL) subgraphUrls.accounts = env.BENCH_ACCOUNTS_URL;
  if (env.BENCH_ORDERS_URL) subgraphUrls.orders = env.BENCH_ORDERS_URL;
  // With accounts, users' standing is asked of it over HTTP, as a gateway on its own does.
  const tokens = env.BENCH_ACCOUNTS_URL
    ? benchVerifier(remoteStanding(new URL(STANDING_PATH, env.BENCH_ACCOUNTS_URL), benchGatewaySigner))
    : benchTokens;
  const gateway = await startGateway(
    { tokens, signer: benchGatewaySigner, log: log.child({ service: 'gateway' }) },
    {
      port: 0,
      production: true,
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      subgraphUrls,
    },
  );
  stops.push(() => gateway.close());
  return { url: gateway.url, gateway };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} must be set for BENCH_ROLE=${env.BENCH_ROLE}.`);
  return value;
}

main().catch((error: unknown) => {
  createLogger('bench-subscription-servers').fatal({ err: error }, 'bench server failed to start');
  process.exit(1);
});
