import { parseArgs } from 'node:util';
import { readEnv, z } from '@bodega/config';

export const SCENARIOS = ['direct', 'bodega', 'stock'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/bodega_bench';

export interface BenchOptions {
  /** Measured seconds per scenario. Default: 10 (`--duration`, `BENCH_DURATION`). */
  durationSeconds: number;
  /** Unmeasured seconds per scenario right before each measurement. Default: 2 (`--warmup`, `BENCH_WARMUP`). */
  warmupSeconds: number;
  /**
   * Unmeasured seconds per scenario once, before the first round. In trials throughput kept rising
   * for about 10 s of load while V8 optimised the hot paths, so the first scenario measured was
   * penalised without it. Default: 5 (`--prime`, `BENCH_PRIME`).
   */
  primeSeconds: number;
  /** Concurrent keep-alive connections. Default: 20 (`--connections`, `BENCH_CONNECTIONS`). */
  connections: number;
  /** Products seeded. Default: 200 (`--products`, `BENCH_PRODUCTS`). */
  products: number;
  /** Dropped and recreated on every run; its name must contain "bench". Default: `bodega_bench` on 127.0.0.1:5432 (`BENCH_DATABASE_URL`). */
  databaseUrl: string;
  /**
   * Times the whole sequence of scenarios runs, each round starting one scenario later so none is
   * always first; the table shows each scenario's median round. Default: 1 (`--rounds`, `BENCH_ROUNDS`).
   */
  rounds: number;
  /** Scenarios to run, in order. Default: all three (`--scenarios direct,bodega,stock`). */
  scenarios: ScenarioName[];
  /** When set, the server process runs with `--cpu-prof` and writes its profile here (`--cpu-prof-dir`). */
  cpuProfDir?: string;
}

const count = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const shape = {
  BENCH_DURATION: count(10, 1, 600),
  BENCH_WARMUP: count(2, 0, 60),
  BENCH_PRIME: count(5, 0, 120),
  BENCH_CONNECTIONS: count(20, 1, 1000),
  BENCH_PRODUCTS: count(200, 20, 100_000),
  BENCH_ROUNDS: count(1, 1, 20),
  BENCH_DATABASE_URL: z.string().url().default(DEFAULT_DATABASE_URL),
  BENCH_SCENARIOS: z
    .string()
    .default(SCENARIOS.join(','))
    .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean))
    .pipe(z.array(z.enum(SCENARIOS)).min(1)),
  BENCH_CPU_PROF_DIR: z.string().min(1).optional(),
};

const FLAGS = {
  duration: 'BENCH_DURATION',
  warmup: 'BENCH_WARMUP',
  prime: 'BENCH_PRIME',
  connections: 'BENCH_CONNECTIONS',
  products: 'BENCH_PRODUCTS',
  rounds: 'BENCH_ROUNDS',
  scenarios: 'BENCH_SCENARIOS',
  'cpu-prof-dir': 'BENCH_CPU_PROF_DIR',
} as const;

/** Flags win over environment variables, which win over the defaults. */
export function readBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const parsed = readEnv(shape, withFlags(argv, env, FLAGS));
  assertBenchDatabase(parsed.BENCH_DATABASE_URL);
  return {
    durationSeconds: parsed.BENCH_DURATION,
    warmupSeconds: parsed.BENCH_WARMUP,
    primeSeconds: parsed.BENCH_PRIME,
    connections: parsed.BENCH_CONNECTIONS,
    products: parsed.BENCH_PRODUCTS,
    databaseUrl: parsed.BENCH_DATABASE_URL,
    rounds: parsed.BENCH_ROUNDS,
    scenarios: parsed.BENCH_SCENARIOS,
    cpuProfDir: parsed.BENCH_CPU_PROF_DIR,
  };
}

/** The bench drops its database; refusing other names keeps a typo from dropping a real one. */
export function benchDatabaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
}

/** The environment with each `--flag value` written over its variable: flags win over the environment. */
export function withFlags(argv: string[], env: NodeJS.ProcessEnv, flags: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.keys(flags).map((flag) => [flag, { type: 'string' as const }])),
    strict: true,
  });
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const [flag, variable] of Object.entries(flags)) {
    const value = values[flag];
    if (typeof value === 'string') merged[variable] = value;
  }
  return merged;
}

/** The bench drops and recreates its database: refuse any whose name does not say it is a bench's. */
export function assertBenchDatabase(databaseUrl: string): void {
  const name = benchDatabaseName(databaseUrl);
  if (!name.includes('bench')) {
    throw new Error(
      `BENCH_DATABASE_URL names the database "${name}", which the bench would drop and recreate. ` +
        'Use a database whose name contains "bench".',
    );
  }
}
