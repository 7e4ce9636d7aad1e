/**
 * A server process of the subscriptions and stock-contention benches (spawned through child.ts,
 * not run by hand), started by the composition root. BENCH_ROLE picks what it runs:
 *
 * - `products`: the products subgraph, on Postgres and on the Redis event bus, as in production.
 * - `subgraphs`: the accounts, products and orders subgraphs, sharing one Prisma pool and the Redis
 *   event bus as `npm start` runs them, each on its own port.
 * - `gateway`: Bodega's gateway alone, in front of the subgraphs at BENCH_PRODUCTS_URL (and
 *   BENCH_ACCOUNTS_URL, BENCH_ORDERS_URL when set), so this process's memory is the gateway's.
 */
import { readEnv, z } from '@bodega/config';
import { startBenchBodega } from './bodega';
import { serveBenchChild } from './serve';

export const STACK_ROLES = ['products', 'subgraphs', 'gateway'] as const;
export type StackRole = (typeof STACK_ROLES)[number];

const env = readEnv({
  BENCH_ROLE: z.enum(STACK_ROLES),
  BENCH_DATABASE_URL: z.string().url().optional(),
  BENCH_REDIS_URL: z.string().url().optional(),
  BENCH_PRODUCTS_URL: z.string().url().optional(),
  BENCH_ACCOUNTS_URL: z.string().url().optional(),
  BENCH_ORDERS_URL: z.string().url().optional(),
  /** Connections in the subgraphs' shared Prisma pool (`subgraphs` role). Default: 10, as `npm start`. */
  BENCH_POOL: z.coerce.number().int().min(1).max(90).default(10),
});

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} must be set for BENCH_ROLE=${env.BENCH_ROLE}.`);
  return value;
}

serveBenchChild(env.BENCH_ROLE, async (log, stops) => {
  if (env.BENCH_ROLE === 'gateway') {
    // Without accounts, only the bench's STAFF user stands; with it, users' standing is asked of it over HTTP.
    const bodega = await startBenchBodega(log, stops, {
      services: ['gateway'],
      urls: { products: required(env.BENCH_PRODUCTS_URL, 'BENCH_PRODUCTS_URL'), accounts: env.BENCH_ACCOUNTS_URL, orders: env.BENCH_ORDERS_URL },
    });
    const gateway = bodega.gateway!;
    return { urls: { graphql: gateway.url }, hub: () => gateway.subscriptions.stats() };
  }
  const services = env.BENCH_ROLE === 'products' ? (['products'] as const) : (['accounts', 'products', 'orders'] as const);
  const bodega = await startBenchBodega(log, stops, {
    services,
    databaseUrl: required(env.BENCH_DATABASE_URL, 'BENCH_DATABASE_URL'),
    redisUrl: required(env.BENCH_REDIS_URL, 'BENCH_REDIS_URL'),
    maxConnections: env.BENCH_POOL,
  });
  const urls: Record<string, string> = { graphql: bodega.urls.products };
  for (const name of services) urls[name] = bodega.urls[name];
  return { urls };
});
