import { createLogger, type Logger } from '@bodega/logger';

/** What a bench is doing, on stderr: stdout carries only the report. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The bench process's own logger (migrations, seeding); LOG_LEVEL, default warn. */
export function benchLogger(): Logger {
  return createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
}

/** Runs a bench's main; a failure prints its stack and exits 1 (a failed check sets process.exitCode itself). */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
