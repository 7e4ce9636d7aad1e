import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';

/** A throwaway `prisma/migrations`-style folder under the OS temp dir. */
export interface FakeMigrations {
  dir: string;
  /** Writes (or overwrites) `<name>/migration.sql`. */
  write(name: string, sql: string): Promise<void>;
  remove(): Promise<void>;
}

export async function fakeMigrations(migrations: Record<string, string> = {}): Promise<FakeMigrations> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bodega-migrations-'));
  const write = async (name: string, sql: string) => {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  };
  for (const [name, sql] of Object.entries(migrations)) await write(name, sql);
  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface RecordedLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger whose lines are kept for the test to read. */
export function recordingLogger(): { log: Logger; lines: RecordedLine[] } {
  const lines: RecordedLine[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as RecordedLine) });
  return { log, lines };
}

export const PINO_WARN = 40;
