/**
 * The one report writer of the benches: what every report says about the machine, the
 * markdown tables and their cell formats, the goals table, and where the results go
 * (bench/results/<bench>.json, gitignored) with the tables on stdout.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const RESULTS_DIR = join(__dirname, '..', 'results');

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** One goal of a bench; `met` is undefined when no scenario it applies to ran. */
export interface Goal {
  goal: string;
  measured: string;
  met: boolean | undefined;
}

export function goalsTable(goals: readonly Goal[]): string {
  return table(
    ['Goal', 'Measured', 'Met'],
    goals.map(({ goal, measured, met }) => [goal, measured, met === undefined ? '—' : met ? 'yes' : '**no**']),
  );
}

/** A markdown table. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/**
 * Writes `report` to bench/results/<bench>.json and prints the tables (markdown sections, joined
 * by blank lines) and where the file went. Returns the file's path.
 */
export async function writeReport(bench: string, report: unknown, sections: readonly string[]): Promise<string> {
  const file = join(RESULTS_DIR, `${bench}.json`);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${[...sections.filter(Boolean), `Wrote ${file}`].join('\n\n')}\n`);
  return file;
}

/** The command line that ran this bench, for the report. */
export function commandLine(script: string): string {
  return [`npx tsx ${script}`, ...process.argv.slice(2)].join(' ');
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The median of each numeric field over `records`, field by field. */
export function medianEach<T extends { [K in keyof T]: number }>(records: readonly T[]): T {
  const keys = Object.keys(records[0] ?? {}) as Array<keyof T>;
  return Object.fromEntries(keys.map((key) => [key, median(records.map((record) => record[key]))])) as T;
}

export function ms(value: number): string {
  if (Number.isNaN(value)) return '—';
  return `${value.toFixed(Math.abs(value) >= 100 ? 0 : 1)} ms`;
}

export function mb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}

/** A signed difference in ms: `+1.0 ms`, `−0.3 ms`. */
export function signedMs(value: number, digits = 1): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)} ms`;
}

/** A ratio minus one as a signed percentage: `+12%`, `−40%`, `±0%`. */
export function percentChange(ratio: number): string {
  const value = Math.round(ratio * 100);
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value)}%`;
}
