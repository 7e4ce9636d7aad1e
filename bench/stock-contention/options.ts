import { z } from '@bodega/config';
import { benchOptions, count, list, loadShape, stackShape } from '../lib/options';

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

/** The stock-contention bench's options: `--duration` / `BENCH_DURATION` and so on (bench/lib/options.ts). */
export const stockContentionOptions = benchOptions({
  scenarios: list(SCENARIO_NAMES.join(','), z.enum(SCENARIO_NAMES)).describe('scenarios to run, in order'),
  /** Requests still in flight at the end are waited for; the warm-up runs on another product, so the JIT has warmed up the path. */
  ...loadShape({ duration: 10, warmup: 2, connections: 20 }),
  sellRunsOutStock: count(3000, 1, 1_000_000).describe('stock sell-runs-out starts with'),
  /** Lower than for sales: an order costs many times what a sale does and the stock must run out well within the run. */
  orderRunsOutStock: count(100, 1, 1_000_000).describe('stock order-runs-out starts with'),
  customers: count(200, 1, 100_000).describe('customers the order scenarios take turns as, one CUSTOMER token each'),
  pool: count(10, 1, 90).describe("connections in the subgraphs' shared Prisma pool (10, as npm start)"),
  ...stackShape('bodega_bench_stock', 'the gateway and the subgraphs process'),
});

export type ContentionBenchOptions = ReturnType<typeof stockContentionOptions.parse>;
