import { createLogger, type Logger } from '@bodega/logger';
import { Client } from 'pg';
import { MIGRATIONS_DIR } from '../paths';
import { FailedMigrationBlocksError, MigrationFailedError, failureLogs } from './errors';
import {
  HISTORY_TABLE,
  ensureHistoryTable,
  isApplied,
  isFailed,
  readHistory,
  recordFailed,
  recordFinished,
  recordStarted,
  type HistoryRow,
} from './history';
import { checksumMatches, readMigrationFiles, type MigrationFile } from './migration-files';

// The key Prisma Migrate locks with, so our runner and the Prisma CLI also exclude each other.
const MIGRATE_LOCK_KEY = 72707369;

export interface MigrateOptions {
  /** Where progress and warnings go. Default: `createLogger('db-migrate')`. */
  log?: Logger;
  /** Folder of `<name>/migration.sql`. Default: `prisma/migrations` at the repository root. */
  migrationsDir?: string;
}

export interface MigrateResult {
  /** Names of the migrations this run applied, in the order it applied them. */
  applied: string[];
}

/**
 * Applies pending `migration.sql` files in name order and records them in
 * `public._prisma_migrations` as Prisma Migrate does. Each migration runs in its own
 * transaction, so a script must not manage transactions itself nor use statements that
 * refuse one (`CREATE INDEX CONCURRENTLY`). Safe to run concurrently: runs queue on an
 * advisory lock and the later ones find nothing left to do.
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? createLogger('db-migrate');
  const files = await readMigrationFiles(options.migrationsDir ?? MIGRATIONS_DIR);

  const client = new Client({ connectionString: databaseUrl, application_name: 'bodega-migrate' });
  // Without a listener a dropped connection would crash the process instead of failing the query.
  client.on('error', (error) => log.error({ err: error }, 'migration connection failed'));
  await client.connect();
  try {
    await lock(client, log);
    return await applyPending(client, files, log);
  } finally {
    // Ending the session also releases the advisory lock, whatever state the session is in.
    await client.end();
  }
}

/** Marks a failed migration as rolled back (Prisma's `migrate resolve --rolled-back`). */
export async function markRolledBack(databaseUrl: string, migration: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'bodega-migrate' });
  await client.connect();
  try {
    await lock(client, createLogger('db-migrate'));
    await ensureHistoryTable(client);
    const { rowCount } = await client.query(
      `UPDATE ${HISTORY_TABLE} SET rolled_back_at = now()
        WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
      [migration],
    );
    if (!rowCount) {
      throw new Error(`Migration \`${migration}\` has no failed attempt to mark rolled back.`);
    }
  } finally {
    await client.end();
  }
}

async function lock(client: Client, log: Logger): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
    MIGRATE_LOCK_KEY,
  ]);
  if (rows[0]?.locked) return;
  log.info('another migration run holds the lock; waiting for it to finish');
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY]);
}

async function applyPending(client: Client, files: MigrationFile[], log: Logger): Promise<MigrateResult> {
  await ensureHistoryTable(client);
  const history = await readHistory(client);

  const failed = history.find(isFailed);
  if (failed) throw new FailedMigrationBlocksError(failed);

  const applied = new Map(history.filter(isApplied).map((row) => [row.migrationName, row]));
  warnAboutChangedHistory(files, applied, log);

  const pending = files.filter((file) => !applied.has(file.name));
  for (const file of pending) await applyOne(client, file, log);

  if (pending.length === 0) log.info({ migrations: files.length }, 'database is up to date');
  return { applied: pending.map((file) => file.name) };
}

async function applyOne(client: Client, file: MigrationFile, log: Logger): Promise<void> {
  const started = Date.now();
  const id = await recordStarted(client, file.name, file.checksum);
  try {
    await client.query('BEGIN');
    await client.query(file.sql);
    // Inside the transaction: the schema change and its record commit together or not at all.
    await recordFinished(client, id);
    await client.query('COMMIT');
  } catch (error) {
    const logs = failureLogs(file.name, error);
    await recordFailure(client, id, logs, log);
    log.error({ migration: file.name, logs }, 'migration failed and was rolled back');
    throw new MigrationFailedError(file.name, logs, { cause: error });
  }
  log.info({ migration: file.name, ms: Date.now() - started }, 'applied migration');
}

// Best effort: on a dead connection the row keeps finished_at NULL and still blocks the next run.
async function recordFailure(client: Client, id: string, logs: string, log: Logger): Promise<void> {
  try {
    await client.query('ROLLBACK');
    await recordFailed(client, id, logs);
  } catch (error) {
    log.error({ err: error, id }, 'could not record the failed migration');
  }
}

function warnAboutChangedHistory(files: MigrationFile[], applied: Map<string, HistoryRow>, log: Logger): void {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const [name, row] of applied) {
    const file = byName.get(name);
    if (!file) {
      log.warn({ migration: name }, `migration \`${name}\` is applied in the database but missing from the migrations folder`);
    } else if (!checksumMatches(file, row.checksum)) {
      log.warn(
        { migration: name, applied: row.checksum, file: file.checksum },
        `the migration \`${name}\` was modified after it was applied`,
      );
    }
  }
}
