import { z } from '@bodega/config';
import { benchOptions, count, cpuProfDir, databaseShape, list, loadShape } from '../lib/options';

export const SCENARIOS = ['direct', 'bodega', 'stock'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** The products-query bench's options: `--duration` / `BENCH_DURATION` and so on (bench/lib/options.ts). */
export const productsQueryOptions = benchOptions({
  ...loadShape({ duration: 10, warmup: 2, connections: 20 }),
  /**
   * In trials throughput kept rising for about 10 s of load while V8 optimised the hot paths, so
   * the first scenario measured was penalised without priming.
   */
  prime: count(5, 0, 120).describe('unmeasured seconds per scenario, once, before round 1'),
  products: count(200, 20, 100_000).describe('products seeded'),
  /** Each round starts one scenario later, so none is always first; the table shows medians. */
  rounds: count(1, 1, 20).describe('times the whole sequence of scenarios runs'),
  scenarios: list(SCENARIOS.join(','), z.enum(SCENARIOS)).describe('which scenarios run, in order'),
  cpuProfDir: cpuProfDir('the server process'),
  ...databaseShape('bodega_bench'),
});

export type BenchOptions = ReturnType<typeof productsQueryOptions.parse>;
