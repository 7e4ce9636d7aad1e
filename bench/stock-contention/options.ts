import { z } from '@bodega/config';
import { benchDatabaseUrl, benchOptions, count, list } from '../lib/options';

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

export const DEFAULT_STOCK_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/bodega_bench_stock';

/** The stock-contention bench's options: `--duration` / `BENCH_DURATION` and so on (bench/lib/options.ts). */
export const stockContentionOptions = benchOptions({
  scenarios: list(SCENARIO_NAMES.join(','), z.enum(SCENARIO_NAMES)).describe('scenarios to run, in order'),
  duration: count(10, 1, 600).describe('measured seconds per scenario; requests still in flight then are waited for'),
  /** On another product, so the JIT has warmed up the path. */
  warmup: count(2, 0, 60).describe('unmeasured seconds of the same load right before each scenario'),
  connections: count(20, 1, 1000).describe('concurrent keep-alive connections, all on the one product'),
  sellRunsOutStock: count(3000, 1, 1_000_000).describe('stock sell-runs-out starts with'),
  /** Lower than for sales: an order costs many times what a sale does and the stock must run out well within the run. */
  orderRunsOutStock: count(100, 1, 1_000_000).describe('stock order-runs-out starts with'),
  customers: count(200, 1, 100_000).describe('customers the order scenarios take turns as, one CUSTOMER token each'),
  pool: count(10, 1, 90).describe("connections in the subgraphs' shared Prisma pool (10, as npm start)"),
  databaseUrl: benchDatabaseUrl(DEFAULT_STOCK_DATABASE_URL).describe('dropped and recreated; its name must contain "bench"'),
  redisUrl: z.string().url().default('redis://127.0.0.1:6379').describe('the event bus'),
  cpuProfDir: z.string().min(1).optional().describe('runs the gateway and the subgraphs process with --cpu-prof, writing their profiles here'),
});

export type ContentionBenchOptions = ReturnType<typeof stockContentionOptions.parse>;
