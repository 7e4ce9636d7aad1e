// Test databases: one per test file, cloned from a template that test/global-setup.ts migrates
// and fills with the taxonomy once per jest run. Cloning a template is a file copy, far faster
// than migrating each database.
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Not @bodega/db's index: jest's global setup loads this without the generated client's module mapping.
import { migrate } from '@bodega/db/migrate';
import { loadTaxonomy } from '@bodega/db/taxonomy';
import { startEmbeddedPostgres } from '@bodega/db/embedded';
import { createLogger, type Logger } from '@bodega/logger';
import { Client, DatabaseError } from 'pg';

export const TEMPLATE_DATABASE = 'bodega_test_template';
const DATABASE_PREFIX = 'bodega_test_';
const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const RUN_ID_ENV = 'BODEGA_TEST_RUN_ID';
/** `embedded`: every test database is its own in-memory PGlite, as `npm start` runs without DATABASE_URL. */
export const TEST_DATABASE_KIND_ENV = 'BODEGA_TEST_DATABASE';
const EMBEDDED_TEMPLATE_ENV = 'BODEGA_EMBEDDED_TEMPLATE';
// Held by the jest process for a whole run: a second run (another engineer's) waits
// instead of recreating the template under the first one's feet.
const TEST_RUN_LOCK_KEY = 72707371;

export interface TestDatabase {
  /** Connection string of the new database. */
  url: string;
  name: string;
  /** Drops the database, closing any connection a test left open. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** An empty database (no schema, no migrations) instead of a clone of the template. Default: false. */
  empty?: boolean;
}

/** The Postgres server's URL: `DATABASE_URL`, or the local server's `postgres` database. */
export function testServerUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
}

/** `testServerUrl()` pointed at another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/**
 * A fresh database for one test file: migrated and holding the taxonomy (a clone of the
 * template), or empty. Names are random so files can run in parallel. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  if (process.env[TEST_DATABASE_KIND_ENV] === 'embedded') return createEmbeddedTestDatabase(options);
  const runId = process.env[RUN_ID_ENV] ?? 'adhoc';
  const name = `${DATABASE_PREFIX}${runId}_${randomBytes(4).toString('hex')}`;
  const template = options.empty ? 'template0' : TEMPLATE_DATABASE;

  await withServer(async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`);
    } catch (error) {
      if (error instanceof DatabaseError && error.code === '3D000') {
        throw new Error(
          `The template database ${template} does not exist. Run the tests through jest: ` +
            'test/global-setup.ts creates it at the start of every run.',
          { cause: error },
        );
      }
      throw error;
    }
  });
  return { url: databaseUrl(name), name, drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await withServer((client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

declare global {
  // Set by test/global-setup.ts and read by test/global-teardown.ts, which jest runs in one process.
  var bodegaTestRun: { id: string; lock: Client } | undefined;
}

/**
 * For test/global-setup.ts: waits for any other jest run, drops what earlier runs left
 * behind, and builds the template from scratch (migrations, then taxonomy).
 */
export async function startTestRun(log: Logger = createLogger('test-db', process.env.LOG_LEVEL ?? 'warn')): Promise<void> {
  const lock = new Client({ connectionString: testServerUrl(), application_name: 'bodega-jest-run' });
  lock.on('error', (error) => log.error({ err: error }, 'lost the test run connection'));
  await lock.connect();
  const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [TEST_RUN_LOCK_KEY]);
  if (!rows[0]?.locked) {
    log.warn('another jest run is using the test databases; waiting for it to finish');
    await lock.query('SELECT pg_advisory_lock($1)', [TEST_RUN_LOCK_KEY]);
  }

  try {
    await buildTemplate(lock, log);
  } catch (error) {
    await lock.end();
    throw error;
  }
  const id = randomBytes(4).toString('hex');
  process.env[RUN_ID_ENV] = id;
  globalThis.bodegaTestRun = { id, lock };
}

async function buildTemplate(client: Client, log: Logger): Promise<void> {
  // Holding the lock means no other run is live, so every test database is a leftover.
  await dropDatabasesStartingWith(client, DATABASE_PREFIX);
  await client.query(`CREATE DATABASE ${quote(TEMPLATE_DATABASE)} TEMPLATE template0`);
  const url = databaseUrl(TEMPLATE_DATABASE);
  await migrate(url, { log });
  await loadTaxonomy(url, { log });
  // No connections allowed from now on: one stray session would make every clone fail.
  await client.query(`ALTER DATABASE ${quote(TEMPLATE_DATABASE)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
}

/** For test/global-teardown.ts: drops this run's databases (the template stays) and lets the next run in. */
export async function finishTestRun(): Promise<void> {
  const run = globalThis.bodegaTestRun;
  if (!run) return;
  globalThis.bodegaTestRun = undefined;
  try {
    await dropDatabasesStartingWith(run.lock, `${DATABASE_PREFIX}${run.id}_`);
  } finally {
    await run.lock.end();
  }
}

async function dropDatabasesStartingWith(client: Client, prefix: string): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT datname AS name FROM pg_database WHERE datname LIKE $1`,
    [`${prefix.replace(/[\\%_]/g, '\\$&')}%`],
  );
  for (const { name } of rows) {
    // A template cannot be dropped until it is an ordinary database again.
    await client.query(`ALTER DATABASE ${quote(name)} WITH IS_TEMPLATE false`);
    await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
  }
}

async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testServerUrl(), application_name: 'bodega-test-db' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * For the embedded project's global setup: migrates an in-memory PGlite once and keeps its data
 * directory as a tarball that every test file's database starts from.
 */
export async function startEmbeddedTestRun(log: Logger = createLogger('test-db', process.env.LOG_LEVEL ?? 'warn')): Promise<void> {
  const template = await startEmbeddedPostgres({ log });
  try {
    await migrate(template.url, { log });
    await loadTaxonomy(template.url, { log });
    const path = join(tmpdir(), `bodega-embedded-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
    await writeFile(path, Buffer.from(await (await template.dump()).arrayBuffer()));
    process.env[EMBEDDED_TEMPLATE_ENV] = path;
  } finally {
    await template.stop();
  }
}

export async function finishEmbeddedTestRun(): Promise<void> {
  const path = process.env[EMBEDDED_TEMPLATE_ENV];
  if (path) await rm(path, { force: true });
}

async function createEmbeddedTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  let loadFrom: Blob | undefined;
  if (!options.empty) {
    const path = process.env[EMBEDDED_TEMPLATE_ENV];
    if (!path) throw new Error('No embedded template database: run the embedded tests through jest (its global setup makes one).');
    loadFrom = new Blob([await readFile(path)]);
  }
  const embedded = await startEmbeddedPostgres({ loadFrom });
  return { url: embedded.url, name: `embedded:${embedded.port}`, drop: () => embedded.stop() };
}
