import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLogger } from '@bodega/logger';
import { Client } from 'pg';
import { FailedMigrationBlocksError, MigrationFailedError, markRolledBack, migrate } from '../src/migrate';
import { readMigrationFiles, sha256Hex } from '../src/migrate/migration-files';
import { MIGRATIONS_DIR } from '../src/paths';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { PINO_WARN, fakeMigrations, recordingLogger, type FakeMigrations } from './support/fake-migrations';

const log = createLogger('migrate-test', 'silent');

// Written out of name order on purpose: the runner must sort, not trust the directory listing.
const MIGRATIONS = {
  '002_add_price': 'ALTER TABLE widgets ADD COLUMN price INTEGER NOT NULL DEFAULT 0;',
  '001_widgets': 'CREATE TABLE widgets (id SERIAL PRIMARY KEY, name TEXT NOT NULL);',
  '003_seed': "INSERT INTO widgets (name) VALUES ('first');",
};

interface History {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  started_at: Date;
  logs: string | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const history = (url: string) =>
  query<History>(url, 'SELECT * FROM public._prisma_migrations ORDER BY started_at, migration_name');

describe('migrate', () => {
  let db: TestDatabase;
  let migrations: FakeMigrations | undefined;

  beforeEach(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterEach(async () => {
    await db.drop();
    await migrations?.remove();
    migrations = undefined;
  });

  it('applies the repository migrations and records each one the way Prisma Migrate does', async () => {
    const { applied } = await migrate(db.url, { log });

    const files = await readMigrationFiles(MIGRATIONS_DIR);
    expect(applied).toEqual(files.map((file) => file.name));
    const rows = await history(db.url);
    expect(rows.map((row) => row.migration_name)).toEqual(applied);
    for (const [index, row] of rows.entries()) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, applied[index]!, 'migration.sql'), 'utf8');
      expect(row).toMatchObject({ checksum: sha256Hex(sql), logs: null, rolled_back_at: null, applied_steps_count: 1 });
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
  });

  it('creates the history table with the columns Prisma Migrate creates', async () => {
    await migrate(db.url, { log });

    const columns = await query<Record<string, string | number | null>>(
      db.url,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', length: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', length: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', length: null, is_nullable: 'NO', column_default: '0' },
    ]);
    const keys = await query(db.url, "SELECT 1 FROM pg_constraint WHERE conname = '_prisma_migrations_pkey' AND contype = 'p'");
    expect(keys).toHaveLength(1);
  });

  it('applies migrations in name order', async () => {
    migrations = await fakeMigrations(MIGRATIONS);

    const { applied } = await migrate(db.url, { log, migrationsDir: migrations.dir });

    expect(applied).toEqual(['001_widgets', '002_add_price', '003_seed']);
    expect((await history(db.url)).map((row) => row.migration_name)).toEqual(applied);
  });

  it('applies nothing when every migration is already applied', async () => {
    migrations = await fakeMigrations(MIGRATIONS);
    await migrate(db.url, { log, migrationsDir: migrations.dir });

    const second = await migrate(db.url, { log, migrationsDir: migrations.dir });

    expect(second.applied).toEqual([]);
    expect(await history(db.url)).toHaveLength(3);
    expect(await query(db.url, 'SELECT * FROM widgets')).toHaveLength(1);
  });

  it('applies each migration once when two runs start at the same time', async () => {
    // The sleep keeps the first run inside its lock long enough for the second to queue.
    migrations = await fakeMigrations({ ...MIGRATIONS, '004_slow': 'SELECT pg_sleep(0.3);' });

    const runs = await Promise.all([
      migrate(db.url, { log, migrationsDir: migrations.dir }),
      migrate(db.url, { log, migrationsDir: migrations.dir }),
    ]);

    expect(runs.flatMap((run) => run.applied).sort()).toEqual(['001_widgets', '002_add_price', '003_seed', '004_slow']);
    expect(runs.map((run) => run.applied.length).sort()).toEqual([0, 4]);
    expect(await history(db.url)).toHaveLength(4);
    expect(await query(db.url, 'SELECT * FROM widgets')).toHaveLength(1);
  });

  it('rolls back a failing migration, records it as failed and stops before the next one', async () => {
    migrations = await fakeMigrations({
      '001_widgets': MIGRATIONS['001_widgets'],
      '002_broken': "CREATE TABLE gadgets (id INTEGER); INSERT INTO widgets (name) VALUES ('half'); SELECT 1 / 0;",
      '003_seed': MIGRATIONS['003_seed'],
    });

    const run = migrate(db.url, { log, migrationsDir: migrations.dir });

    await expect(run).rejects.toThrow(MigrationFailedError);
    await expect(run).rejects.toThrow(/Migration `002_broken` failed and was rolled back[\s\S]*division by zero/);
    expect(await query(db.url, "SELECT * FROM pg_tables WHERE tablename = 'gadgets'")).toEqual([]);
    expect(await query(db.url, 'SELECT * FROM widgets')).toEqual([]);
    const rows = await history(db.url);
    expect(rows.map((row) => row.migration_name)).toEqual(['001_widgets', '002_broken']);
    expect(rows[1]).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(rows[1]?.logs).toContain('Migration name: 002_broken');
    expect(rows[1]?.logs).toContain('Database error code: 22012');
  });

  it('refuses to run past a failed migration until it is marked rolled back', async () => {
    migrations = await fakeMigrations({ '001_widgets': MIGRATIONS['001_widgets'], '002_broken': 'SELECT 1 / 0;' });
    await expect(migrate(db.url, { log, migrationsDir: migrations.dir })).rejects.toThrow(MigrationFailedError);
    await migrations.write('002_broken', MIGRATIONS['002_add_price']);
    await migrations.write('003_seed', MIGRATIONS['003_seed']);

    const blocked = migrate(db.url, { log, migrationsDir: migrations.dir });
    await expect(blocked).rejects.toThrow(FailedMigrationBlocksError);
    await expect(blocked).rejects.toThrow(/`002_broken`[\s\S]*division by zero[\s\S]*--rolled-back 002_broken/);

    await markRolledBack(db.url, '002_broken');
    const { applied } = await migrate(db.url, { log, migrationsDir: migrations.dir });
    expect(applied).toEqual(['002_broken', '003_seed']);
    expect(await query(db.url, 'SELECT name, price FROM widgets')).toEqual([{ name: 'first', price: 0 }]);
  });

  it('warns about a migration whose file changed after it was applied', async () => {
    migrations = await fakeMigrations({ '001_widgets': MIGRATIONS['001_widgets'] });
    await migrate(db.url, { log, migrationsDir: migrations.dir });
    await migrations.write('001_widgets', `${MIGRATIONS['001_widgets']}\n-- edited afterwards`);
    const recorder = recordingLogger();

    const { applied } = await migrate(db.url, { log: recorder.log, migrationsDir: migrations.dir });

    expect(applied).toEqual([]);
    const warnings = recorder.lines.filter((line) => line.level === PINO_WARN);
    expect(warnings).toEqual([
      expect.objectContaining({ migration: '001_widgets', msg: 'the migration `001_widgets` was modified after it was applied' }),
    ]);
  });

  it('names the folder that has no migration.sql', async () => {
    migrations = await fakeMigrations(MIGRATIONS);
    await migrations.write('004_empty/nested', 'SELECT 1;');

    await expect(migrate(db.url, { log, migrationsDir: migrations.dir })).rejects.toThrow(
      /Could not find the migration file at .*004_empty.migration\.sql/,
    );
  });
});
