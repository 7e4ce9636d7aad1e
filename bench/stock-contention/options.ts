import { readEnv, z } from '@bodega/config';
import { assertBenchDatabase, withFlags } from './options';

/** What a scenario sends, and whether its product starts with little enough stock to run out. */
export const CONTENTION_SCENARIOS = {
  sell: { operation: 'sell', runsOut: false },
  'sell-runs-out': { operation: 'sell', runsOut: true },
  order: { operation: 'order', runsOut: false },
  'order-runs-out': { operation: 'order', runsOut: true },
} as const;
export type ContentionScenarioName = keyof typeof CONTENTION_SCENARIOS;
export type ContentionOperation = (typeof CONTENTION_SCENARIOS)[ContentionScenarioName]['operation'];
const SCENARIO_NAMES = Object.keys(CONTENTION_SCENARIOS) as [ContentionScenarioName, ...ContentionScenarioName[]];

export interface ContentionBenchOptions {
  /** Scenarios to run, in order. Default: all four (`--scenarios`, `BENCH_SCENARIOS`). */
  scenarios: ContentionScenarioName[];
  /** Measured seconds per scenario; requests still in flight then are waited for. Default: 10 (`--duration`, `BENCH_DURATION`). */
  durationSeconds: number;
  /**
   * Unmeasured seconds of the same load on another product right before each scenario, so the
   * JIT has warmed up the path. Default: 2 (`--warmup`, `BENCH_WARMUP`).
   */
  warmupSeconds: number;
  /** Concurrent keep-alive connections, all on the one product. Default: 20 (`--connections`, `BENCH_CONNECTIONS`). */
  connections: number;
  /** Stock `sell-runs-out` starts with. Default: 3000 (`--sell-runs-out-stock`, `BENCH_SELL_RUNS_OUT_STOCK`). */
  sellRunsOutStock: number;
  /**
   * Stock `order-runs-out` starts with: lower than for sales, since an order costs many times what a
   * sale does and the stock must run out well within the run. Default: 100 (`--order-runs-out-stock`,
   * `BENCH_ORDER_RUNS_OUT_STOCK`).
   */
  orderRunsOutStock: number;
  /** Customers the order scenarios take turns as, one CUSTOMER token each. Default: 200 (`--customers`, `BENCH_CUSTOMERS`). */
  customers: number;
  /** Connections in the subgraphs' shared Prisma pool. Default: 10, as `npm start` (`--pool`, `BENCH_POOL`). */
  pool: number;
  /** Dropped and recreated; its name must contain "bench". Default: `bodega_bench_stock` on 127.0.0.1:5432 (`BENCH_DATABASE_URL`). */
  databaseUrl: string;
  /** The event bus. Default: `redis://127.0.0.1:6379` (`BENCH_REDIS_URL`). */
  redisUrl: string;
  /** When set, the gateway and the subgraphs process run with `--cpu-prof` and write their profiles here (`--cpu-prof-dir`). */
  cpuProfDir?: string;
}

export const DEFAULT_STOCK_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/bodega_bench_stock';

const count = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const shape = {
  BENCH_SCENARIOS: z
    .string()
    .default(SCENARIO_NAMES.join(','))
    .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean))
    .pipe(z.array(z.enum(SCENARIO_NAMES)).min(1)),
  BENCH_DURATION: count(10, 1, 600),
  BENCH_WARMUP: count(2, 0, 60),
  BENCH_CONNECTIONS: count(20, 1, 1000),
  BENCH_SELL_RUNS_OUT_STOCK: count(3000, 1, 1_000_000),
  BENCH_ORDER_RUNS_OUT_STOCK: count(100, 1, 1_000_000),
  BENCH_CUSTOMERS: count(200, 1, 100_000),
  BENCH_POOL: count(10, 1, 90),
  BENCH_DATABASE_URL: z.string().url().default(DEFAULT_STOCK_DATABASE_URL),
  BENCH_REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  BENCH_CPU_PROF_DIR: z.string().min(1).optional(),
};

const FLAGS = {
  scenarios: 'BENCH_SCENARIOS',
  duration: 'BENCH_DURATION',
  warmup: 'BENCH_WARMUP',
  connections: 'BENCH_CONNECTIONS',
  'sell-runs-out-stock': 'BENCH_SELL_RUNS_OUT_STOCK',
  'order-runs-out-stock': 'BENCH_ORDER_RUNS_OUT_STOCK',
  customers: 'BENCH_CUSTOMERS',
  pool: 'BENCH_POOL',
  'cpu-prof-dir': 'BENCH_CPU_PROF_DIR',
} as const;

/** Flags win over environment variables, which win over the defaults. */
export function readContentionBenchOptions(argv: string[], env: NodeJS.ProcessEnv): ContentionBenchOptions {
  const parsed = readEnv(shape, withFlags(argv, env, FLAGS));
  assertBenchDatabase(parsed.BENCH_DATABASE_URL);
  return {
    scenarios: parsed.BENCH_SCENARIOS,
    durationSeconds: parsed.BENCH_DURATION,
    warmupSeconds: parsed.BENCH_WARMUP,
    connections: parsed.BENCH_CONNECTIONS,
    sellRunsOutStock: parsed.BENCH_SELL_RUNS_OUT_STOCK,
    orderRunsOutStock: parsed.BENCH_ORDER_RUNS_OUT_STOCK,
    customers: parsed.BENCH_CUSTOMERS,
    pool: parsed.BENCH_POOL,
    databaseUrl: parsed.BENCH_DATABASE_URL,
    redisUrl: parsed.BENCH_REDIS_URL,
    cpuProfDir: parsed.BENCH_CPU_PROF_DIR,
  };
}
