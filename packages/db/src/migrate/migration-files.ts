import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One `prisma/migrations/<name>/migration.sql`, as Prisma Migrate lays them out. */
export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 hex of the file's bytes: what Prisma stores in `_prisma_migrations.checksum`. */
  checksum: string;
}

export function sha256Hex(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * Whether a stored checksum still describes the file. Like Prisma, a checkout that only
 * changed line endings (git autocrlf) is not a modified migration.
 */
export function checksumMatches(file: MigrationFile, stored: string): boolean {
  if (file.checksum === stored) return true;
  const lf = file.sql.replace(/\r\n/g, '\n');
  return sha256Hex(lf) === stored || sha256Hex(lf.replace(/\n/g, '\r\n')) === stored;
}

/** Migrations in name order (the timestamp prefix makes that the order they were written). */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const files: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name, 'migration.sql');
    const sql = await readOptional(file);
    // Prisma refuses this too (P3015): a folder without its script is a mistake, not a no-op.
    if (sql === undefined) {
      throw new Error(`Could not find the migration file at ${file}. Delete the folder or restore the file.`);
    }
    files.push({ name, sql, checksum: sha256Hex(sql) });
  }
  return files;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isNodeError(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

// Not `instanceof Error`: errors from Node's fs come from another realm under jest.
function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return typeof error === 'object' && error !== null && 'code' in error;
}
