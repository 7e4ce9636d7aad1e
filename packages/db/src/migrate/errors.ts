import { DatabaseError } from 'pg';
import type { HistoryRow } from './history';

function rolledBackSql(name: string): string {
  return (
    `UPDATE public."_prisma_migrations" SET rolled_back_at = now() ` +
    `WHERE migration_name = '${name.replace(/'/g, "''")}' AND finished_at IS NULL AND rolled_back_at IS NULL;`
  );
}

/** What a person does next; each migration runs in one transaction, so nothing is half-applied. */
function howToRecover(name: string): string {
  return (
    `Nothing of it was kept (it ran in one transaction). Fix prisma/migrations/${name}/migration.sql, ` +
    `then mark the failed attempt rolled back with \`npm run db:migrate -- --rolled-back ${name}\` ` +
    `(or run: ${rolledBackSql(name)}) and run \`npm run db:migrate\` again.`
  );
}

/** A migration's script raised an error; it was rolled back and recorded as failed. */
export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';

  constructor(
    readonly migration: string,
    readonly logs: string,
    options: { cause: unknown },
  ) {
    super(`Migration \`${migration}\` failed and was rolled back.\n${logs}\n${howToRecover(migration)}`, options);
  }
}

/** Like Prisma's P3009: an earlier run left a failed migration, so nothing more is applied. */
export class FailedMigrationBlocksError extends Error {
  override readonly name = 'FailedMigrationBlocksError';
  readonly migration: string;

  constructor(row: HistoryRow) {
    super(
      `Found a failed migration in the database, so no new migrations will be applied. ` +
        `Migration \`${row.migrationName}\` started at ${row.startedAt.toISOString()} and failed` +
        (row.logs ? `:\n${row.logs}\n` : ' (no logs: the process may have died while it ran).\n') +
        howToRecover(row.migrationName),
    );
    this.migration = row.migrationName;
  }
}

/** The database error in the shape Prisma writes to `_prisma_migrations.logs`. */
export function failureLogs(migration: string, error: unknown): string {
  const lines = [`Migration name: ${migration}`];
  const db = error instanceof DatabaseError ? error : undefined;
  if (db?.code) lines.push(`Database error code: ${db.code}`);
  lines.push('Database error:', `ERROR: ${error instanceof Error ? error.message : String(error)}`);
  if (db?.detail) lines.push(`DETAIL: ${db.detail}`);
  if (db?.hint) lines.push(`HINT: ${db.hint}`);
  if (db?.position) lines.push(`Position in migration.sql: character ${db.position}`);
  return lines.join('\n');
}
