import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import { PRISMA_SCHEMA_FILE } from '../src/paths';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { compareShapes } from './drift/compare';
import { introspectDatabase } from './drift/introspect';
import { prismaShape } from './drift/prisma-shape';

/** Every difference between a database and a schema.prisma text, one line each. */
async function drift(databaseUrl: string, schemaText: string): Promise<string[]> {
  const expected = await prismaShape(schemaText);
  const actual = await introspectDatabase(databaseUrl, expected.schemas);
  return compareShapes(expected.shape, actual);
}

async function execute(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the migrated database', () => {
  let schemaText: string;
  let db: TestDatabase;

  beforeAll(async () => {
    schemaText = await readFile(PRISMA_SCHEMA_FILE, 'utf8');
  });
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('matches prisma/schema.prisma: tables, columns, types, defaults, indexes, foreign keys and enums', async () => {
    expect(await drift(db.url, schemaText)).toEqual([]);
  });

  it('reports every change made to the database behind the schema’s back', async () => {
    await execute(
      db.url,
      `DROP INDEX products.products_created_at_id_idx;
       ALTER TABLE products.products ADD COLUMN sku TEXT;
       ALTER TABLE products.products ALTER COLUMN stock TYPE BIGINT;
       ALTER TABLE products.products ALTER COLUMN low_stock_threshold SET DEFAULT 5;
       ALTER TABLE products.categories ALTER COLUMN name DROP NOT NULL;
       ALTER TABLE products.products DROP CONSTRAINT products_category_id_fkey;
       ALTER TYPE products.enrichment_source ADD VALUE 'IMPORT';
       CREATE INDEX products_name_idx ON products.products (name);
       CREATE TABLE products.notes (id INTEGER);`,
    );

    expect(await drift(db.url, schemaText)).toEqual([
      'column products.categories.name: is nullable, schema.prisma says NOT NULL',
      'column products.products.stock: type is bigint, schema.prisma says integer',
      'column products.products.low_stock_threshold: has DEFAULT 5, schema.prisma says DEFAULT 10',
      'column products.products.sku: not described by schema.prisma (found text)',
      'index on products.products: products_created_at_id_idx missing (expected INDEX USING btree (created_at DESC, id DESC))',
      'index on products.products: products_name_idx not described by schema.prisma (found INDEX USING btree (name))',
      'foreign key on products.products: products_category_id_fkey missing ' +
        '(expected FOREIGN KEY (category_id) REFERENCES products.categories (id) ON DELETE SET NULL ON UPDATE CASCADE)',
      'table products.notes: not described by schema.prisma',
      'enum products.enrichment_source: values are [OPENAI, LOCAL, MANUAL, IMPORT], schema.prisma says [OPENAI, LOCAL, MANUAL]',
    ]);
  });

  it('reports what schema.prisma describes but the migrations never created', async () => {
    const changed = schemaText
      .replace(/ {2}stock +Int\n/, '$&  sku String? @unique\n')
      .replace('  MANUAL\n', '  MANUAL\n  IMPORT\n')
      .replace(/searchVector\s+Unsupported\("tsvector"\)\?/, 'searchVector Unsupported("tsquery")?');

    expect(await drift(db.url, changed)).toEqual([
      'column products.products.sku: missing (expected text)',
      'column products.products.search_vector: type is tsvector, schema.prisma says tsquery',
      'index on products.products: products_sku_key missing (expected UNIQUE INDEX USING btree (sku))',
      'enum products.enrichment_source: values are [OPENAI, LOCAL, MANUAL], schema.prisma says [OPENAI, LOCAL, MANUAL, IMPORT]',
    ]);
  });
});
