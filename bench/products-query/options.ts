import { z } from '@bodega/config';
import { benchDatabaseUrl, benchOptions, count, list } from '../lib/options';

export const SCENARIOS = ['direct', 'bodega', 'stock'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** The products-query bench's options: `--duration` / `BENCH_DURATION` and so on (bench/lib/options.ts). */
export const productsQueryOptions = benchOptions({
  duration: count(10, 1, 600).describe('measured seconds per scenario and round'),
  warmup: count(2, 0, 60).describe('unmeasured seconds right before each measurement'),
  /**
   * In trials throughput kept rising for about 10 s of load while V8 optimised the hot paths, so
   * the first scenario measured was penalised without priming.
   */
  prime: count(5, 0, 120).describe('unmeasured seconds per scenario, once, before round 1'),
  connections: count(20, 1, 1000).describe('concurrent keep-alive connections'),
  products: count(200, 20, 100_000).describe('products seeded'),
  /** Each round starts one scenario later, so none is always first; the table shows medians. */
  rounds: count(1, 1, 20).describe('times the whole sequence of scenarios runs'),
  scenarios: list(SCENARIOS.join(','), z.enum(SCENARIOS)).describe('which scenarios run, in order'),
  cpuProfDir: z.string().min(1).optional().describe('runs the server process with --cpu-prof, writing the profile here'),
  databaseUrl: benchDatabaseUrl('postgresql://postgres@127.0.0.1:5432/bodega_bench').describe('dropped and recreated; its name must contain "bench"'),
});

export type BenchOptions = ReturnType<typeof productsQueryOptions.parse>;
