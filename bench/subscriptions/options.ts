import { readEnv, z } from '@bodega/config';
import { assertBenchDatabase, withFlags } from './options';

/** One scenario: `subscribers` sockets, each with one subscription, spread over `distinct` productIds. */
export interface SubscriptionScenario {
  /** As given on the command line: `1000`, `1000x100` or `10000@500`. */
  name: string;
  subscribers: number;
  /** Distinct (document, variables) pairs; 1 = every subscriber shares one upstream subscription. */
  distinct: number;
  /** Milliseconds between sales in this scenario, when it overrides `--interval`. */
  intervalMs?: number;
}

export interface SubscriptionBenchOptions {
  /**
   * Default: `1,1000,1000x100,10000@500,10000` (`--scenarios`, `BENCH_SCENARIOS`). `N` = N subscribers of one
   * subscription, `NxD` = spread over D productIds, `@MS` = a sale every MS ms in this scenario instead of `--interval`.
   */
  scenarios: SubscriptionScenario[];
  /** Timed sales per scenario; at least one per distinct product. Default: 50 (`--sales`, `BENCH_SALES`). */
  sales: number;
  /** Milliseconds from one sale's start to the next one's. Default: 50 (`--interval`, `BENCH_INTERVAL`). */
  intervalMs: number;
  /** Sockets opened and subscribed at a time. Default: 500 (`--batch`, `BENCH_BATCH`). */
  batchSize: number;
  /** Seconds of quiet before memory is read, after connecting and after disconnecting. Default: 2 (`--settle`, `BENCH_SETTLE`). */
  settleSeconds: number;
  /** Dropped and recreated; its name must contain "bench". Default: `bodega_bench_subscriptions` on 127.0.0.1:5432 (`BENCH_DATABASE_URL`). */
  databaseUrl: string;
  /** The event bus. Default: `redis://127.0.0.1:6379` (`BENCH_REDIS_URL`). */
  redisUrl: string;
  /** When set, the gateway process runs with `--cpu-prof` and writes its profile here (`--cpu-prof-dir`). */
  cpuProfDir?: string;
  /**
   * Extra Node flags for the gateway process only, e.g. `--max-semi-space-size=64` (`--gateway-node-args`,
   * `BENCH_GATEWAY_NODE_ARGS`, space-separated). Default: none, as the Dockerfile runs it.
   */
  gatewayNodeArgs: string[];
  /** When set, a heap snapshot of the gateway is written here once each scenario's subscribers are connected and idle (`--heap-snapshot-dir`). */
  heapSnapshotDir?: string;
}

export const DEFAULT_SUBSCRIPTIONS_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/bodega_bench_subscriptions';

const count = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Sockets on each side stay under `ulimit -n` 20000 with room for the servers' own files. */
const MAX_SUBSCRIBERS = 15_000;

const scenario = z
  .string()
  .regex(/^\d+(x\d+)?(@\d+)?$/, 'is N, NxD or N@MS (N subscribers, over D productIds, a sale every MS ms)')
  .transform((name): SubscriptionScenario => {
    const [shape = '', interval] = name.split('@');
    const [subscribers = 0, distinct = 1] = shape.split('x').map(Number);
    return { name, subscribers, distinct, ...(interval ? { intervalMs: Number(interval) } : {}) };
  })
  .refine((s) => s.subscribers >= 1 && s.subscribers <= MAX_SUBSCRIBERS, `subscribers must be 1 to ${MAX_SUBSCRIBERS}`)
  .refine((s) => s.distinct >= 1 && s.distinct <= Math.min(s.subscribers, 1000), 'D must be 1 to min(N, 1000)')
  .refine((s) => s.intervalMs === undefined || (s.intervalMs >= 1 && s.intervalMs <= 10_000), 'MS must be 1 to 10000');

const shape = {
  BENCH_SCENARIOS: z
    .string()
    .default('1,1000,1000x100,10000@500,10000')
    .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean))
    .pipe(z.array(scenario).min(1)),
  BENCH_SALES: count(50, 1, 1000),
  BENCH_INTERVAL: count(50, 1, 10_000),
  BENCH_BATCH: count(500, 1, 5000),
  BENCH_SETTLE: count(2, 0, 60),
  BENCH_DATABASE_URL: z.string().url().default(DEFAULT_SUBSCRIPTIONS_DATABASE_URL),
  BENCH_REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  BENCH_CPU_PROF_DIR: z.string().min(1).optional(),
  BENCH_HEAP_SNAPSHOT_DIR: z.string().min(1).optional(),
  BENCH_GATEWAY_NODE_ARGS: z
    .string()
    .default('')
    .transform((value) => value.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^--[a-z0-9-]+(=[\w.,-]+)?$/, 'is a --flag or --flag=value'))),
};

const FLAGS = {
  scenarios: 'BENCH_SCENARIOS',
  sales: 'BENCH_SALES',
  interval: 'BENCH_INTERVAL',
  batch: 'BENCH_BATCH',
  settle: 'BENCH_SETTLE',
  'cpu-prof-dir': 'BENCH_CPU_PROF_DIR',
  'heap-snapshot-dir': 'BENCH_HEAP_SNAPSHOT_DIR',
  'gateway-node-args': 'BENCH_GATEWAY_NODE_ARGS',
} as const;

/** Flags win over environment variables, which win over the defaults. */
export function readSubscriptionBenchOptions(argv: string[], env: NodeJS.ProcessEnv): SubscriptionBenchOptions {
  const parsed = readEnv(shape, withFlags(argv, env, FLAGS));
  assertBenchDatabase(parsed.BENCH_DATABASE_URL);
  return {
    scenarios: parsed.BENCH_SCENARIOS,
    sales: parsed.BENCH_SALES,
    intervalMs: parsed.BENCH_INTERVAL,
    batchSize: parsed.BENCH_BATCH,
    settleSeconds: parsed.BENCH_SETTLE,
    databaseUrl: parsed.BENCH_DATABASE_URL,
    redisUrl: parsed.BENCH_REDIS_URL,
    cpuProfDir: parsed.BENCH_CPU_PROF_DIR,
    heapSnapshotDir: parsed.BENCH_HEAP_SNAPSHOT_DIR,
    gatewayNodeArgs: parsed.BENCH_GATEWAY_NODE_ARGS,
  };
}
