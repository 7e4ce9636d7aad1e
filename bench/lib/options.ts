/**
 * Every bench's options come from one zod shape: each key is an option, given as a flag
 * (`cpuProfDir` → `--cpu-prof-dir`) or an environment variable (`BENCH_CPU_PROF_DIR`); flags win
 * over the environment, which wins over the schema's defaults. `--help` lists them.
 */
import { parseArgs } from 'node:util';
import { z } from '@bodega/config';

export interface BenchOptionsSchema<S extends z.ZodRawShape> {
  shape: S;
  /** The options, or an error naming every flag whose value is wrong. */
  parse(argv: readonly string[], env: NodeJS.ProcessEnv): z.infer<z.ZodObject<S>>;
  /** One line per option: flag, variable and description. */
  help(): string;
}

/** `cpuProfDir` → `cpu-prof-dir`. */
export const flagOf = (key: string): string => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
/** `cpuProfDir` → `BENCH_CPU_PROF_DIR`. */
export const variableOf = (key: string): string => `BENCH_${flagOf(key).replace(/-/g, '_').toUpperCase()}`;

export function benchOptions<S extends z.ZodRawShape>(shape: S): BenchOptionsSchema<S> {
  const schema = z.object(shape).strict();
  const keys = Object.keys(shape);
  return {
    shape,
    parse(argv, env) {
      if (argv.includes('--help')) {
        process.stdout.write(`${this.help()}\n`);
        process.exit(0);
      }
      const { values } = parseArgs({
        args: [...argv],
        options: Object.fromEntries(keys.map((key) => [flagOf(key), { type: 'string' as const }])),
        strict: true,
      });
      const raw = Object.fromEntries(
        keys.map((key) => [key, values[flagOf(key)] ?? env[variableOf(key)]]).filter((entry) => entry[1] !== undefined && entry[1] !== ''),
      );
      const parsed = schema.safeParse(raw);
      if (parsed.success) return parsed.data;
      const problems = parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? '');
        return `  --${flagOf(key)} (${variableOf(key)}): ${issue.message}`;
      });
      throw new Error(`Bench options are wrong:\n${problems.join('\n')}`);
    },
    help() {
      return keys.map((key) => `  --${flagOf(key).padEnd(22)} ${variableOf(key).padEnd(28)} ${(shape[key] as z.ZodType | undefined)?.description ?? ''}`).join('\n');
    },
  };
}

/** A whole number in [min, max], `fallback` when not given. */
export const count = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** A comma-separated list of `item`s, at least one. */
export const list = <T extends z.ZodType<unknown, string>>(fallback: string, item: T) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));

/** The name of the database in `databaseUrl`. */
export function benchDatabaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
}

/**
 * A Postgres URL the bench may drop and recreate: refusing names without "bench" keeps a typo
 * from dropping a real database.
 */
export const benchDatabaseUrl = (fallback: string) =>
  z
    .string()
    .url()
    .default(fallback)
    .refine((url) => benchDatabaseName(url).includes('bench'), {
      message: 'names a database the bench would drop and recreate; use one whose name contains "bench"',
    });

/** Measured seconds, warm-up seconds and connections, as the autocannon benches take them, with each bench's defaults. */
export function loadShape(defaults: { duration: number; warmup: number; connections: number }) {
  return {
    duration: count(defaults.duration, 1, 600).describe('measured seconds per scenario'),
    warmup: count(defaults.warmup, 0, 60).describe('unmeasured seconds of the same load right before each measurement'),
    connections: count(defaults.connections, 1, 1000).describe('concurrent keep-alive connections'),
  };
}

/** `databaseUrl`: the bench's own database on 127.0.0.1:5432 unless BENCH_DATABASE_URL names another. */
export function databaseShape(name: string) {
  return { databaseUrl: benchDatabaseUrl(`postgresql://postgres@127.0.0.1:5432/${name}`).describe('dropped and recreated; its name must contain "bench"') };
}

/** `--cpu-prof-dir`: which of the bench's server processes run with --cpu-prof. */
export const cpuProfDir = (processes: string) => z.string().min(1).optional().describe(`runs ${processes} with --cpu-prof, writing the profiles here`);

/** The event bus the bench's servers share. */
export const redisUrl = () => z.string().url().default('redis://127.0.0.1:6379').describe('the event bus (Redis)');

/** What the benches on stack-server.ts (products, subgraphs and gateway processes) share: their database, Redis and profiling. */
export function stackShape(databaseName: string, profiled: string) {
  return { ...databaseShape(databaseName), redisUrl: redisUrl(), cpuProfDir: cpuProfDir(profiled) };
}
