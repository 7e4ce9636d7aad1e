import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';

/** Prisma Migrate's history table; kept byte-compatible so `prisma migrate status` reads ours. */
export const HISTORY_TABLE = 'public."_prisma_migrations"';

// Prisma's own DDL (schema engine, postgres flavour), so either tool can take over a database.
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface HistoryRow {
  id: string;
  checksum: string;
  finishedAt: Date | null;
  migrationName: string;
  logs: string | null;
  rolledBackAt: Date | null;
  startedAt: Date;
  appliedStepsCount: number;
}

export async function ensureHistoryTable(client: ClientBase): Promise<void> {
  await client.query(CREATE_HISTORY_TABLE);
}

export async function readHistory(client: ClientBase): Promise<HistoryRow[]> {
  const { rows } = await client.query<HistoryRow>(
    `SELECT id, checksum, finished_at AS "finishedAt", migration_name AS "migrationName", logs,
            rolled_back_at AS "rolledBackAt", started_at AS "startedAt",
            applied_steps_count AS "appliedStepsCount"
       FROM ${HISTORY_TABLE}
      ORDER BY started_at, migration_name`,
  );
  return rows;
}

/** Applied: finished and not since marked rolled back (then Prisma applies it again). */
export function isApplied(row: HistoryRow): boolean {
  return row.finishedAt !== null && row.rolledBackAt === null;
}

/** Failed (or died mid-way): started, never finished, not resolved by a person. */
export function isFailed(row: HistoryRow): boolean {
  return row.finishedAt === null && row.rolledBackAt === null;
}

/** Recorded before the script runs, outside its transaction, so a failure leaves a trace. */
export async function recordStarted(client: ClientBase, name: string, checksum: string): Promise<string> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO ${HISTORY_TABLE} (id, checksum, started_at, migration_name, applied_steps_count)
     VALUES ($1, $2, now(), $3, 0)`,
    [id, checksum, name],
  );
  return id;
}

export async function recordFinished(client: ClientBase, id: string): Promise<void> {
  await client.query(
    `UPDATE ${HISTORY_TABLE}
        SET finished_at = now(), applied_steps_count = applied_steps_count + 1
      WHERE id = $1`,
    [id],
  );
}

export async function recordFailed(client: ClientBase, id: string, logs: string): Promise<void> {
  await client.query(`UPDATE ${HISTORY_TABLE} SET logs = $2 WHERE id = $1`, [id, logs]);
}
