import { Client } from 'pg';
import { createTestDatabase, testServerUrl } from '@bodega/testing/databases';

async function exists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('clones a migrated database holding the taxonomy in well under a second', async () => {
    const started = Date.now();
    const db = await createTestDatabase();
    const elapsed = Date.now() - started;
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      expect(elapsed).toBeLessThan(1000);
      const migrations = await client.query('SELECT migration_name FROM public._prisma_migrations WHERE finished_at IS NOT NULL');
      expect(migrations.rowCount).toBeGreaterThan(0);
      const categories = await client.query<{ count: number }>('SELECT count(*)::int AS count FROM products.categories');
      expect(categories.rows[0]?.count).toBe(5595);
    } finally {
      await client.end();
      await db.drop();
    }
  });

  it('gives every call its own database', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(first.name).not.toBe(second.name);
      expect(first.name).toMatch(/^bodega_test_/);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
  });

  it('creates an empty database when asked, with no tables of ours', async () => {
    const db = await createTestDatabase({ empty: true });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT nspname FROM pg_namespace WHERE nspname = 'products'");
      expect(rows).toEqual([]);
    } finally {
      await client.end();
      await db.drop();
    }
  });

  it('drops the database even while a connection to it is still open', async () => {
    const db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    // The forced drop ends this session; that is the point, not a failure.
    client.on('error', () => undefined);
    await client.connect();

    await db.drop();

    expect(await exists(db.name)).toBe(false);
    await client.end().catch(() => undefined);
  });
});
