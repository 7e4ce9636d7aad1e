import { readFile } from 'node:fs/promises';
import { createLogger } from '@bodega/logger';
import { Client } from 'pg';
import { migrate } from '../src/migrate';
import { TAXONOMY_FILE } from '../src/paths';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { loadTaxonomy, parseTaxonomy, type TaxonomyCategory } from '../src/taxonomy';

const log = createLogger('taxonomy-test', 'silent');

// Arts & Entertainment > Hobbies & Creative Arts > Arts & Crafts > Art & Crafting Materials >
// Art & Craft Paper > Cardstock & Scrapbooking Paper > Cardstock: one of the deepest paths.
const CARDSTOCK: TaxonomyCategory = {
  id: 543510,
  name: 'Cardstock',
  path:
    'Arts & Entertainment > Hobbies & Creative Arts > Arts & Crafts > Art & Crafting Materials > ' +
    'Art & Craft Paper > Cardstock & Scrapbooking Paper > Cardstock',
  parentId: 505399,
  depth: 6,
  ancestorIds: [8, 5710, 16, 505372, 24, 505399],
};

describe('parseTaxonomy', () => {
  let text: string;
  let categories: TaxonomyCategory[];

  beforeAll(async () => {
    text = await readFile(TAXONOMY_FILE, 'utf8');
    categories = parseTaxonomy(text);
  });

  it('reads one category per line of the vendored file, skipping the version line', () => {
    const lines = text.split('\n');
    expect(lines).toHaveLength(5596);
    expect(lines[0]).toMatch(/^# Google_Product_Taxonomy_Version: /);
    expect(categories).toHaveLength(5595);
    expect(new Set(categories.map((category) => category.id)).size).toBe(5595);
  });

  it('gives a deep category its name, parent, depth and ancestors root first', () => {
    expect(categories.find((category) => category.id === CARDSTOCK.id)).toEqual(CARDSTOCK);
  });

  it('makes a top-level category a root with no ancestors', () => {
    expect(categories.find((category) => category.id === 8)).toEqual({
      id: 8,
      name: 'Arts & Entertainment',
      path: 'Arts & Entertainment',
      parentId: null,
      depth: 0,
      ancestorIds: [],
    });
  });

  it('resolves parents whatever order the lines come in, and tolerates CRLF', () => {
    const parsed = parseTaxonomy('# version\r\n2 - A > B\r\n1 - A\r\n');
    expect(parsed).toEqual([
      { id: 2, name: 'B', path: 'A > B', parentId: 1, depth: 1, ancestorIds: [1] },
      { id: 1, name: 'A', path: 'A', parentId: null, depth: 0, ancestorIds: [] },
    ]);
  });

  it('rejects a malformed line, naming it', () => {
    expect(() => parseTaxonomy('# v\n1 - A\nA > B\n')).toThrow('taxonomy line 3: expected "<id> - <path>", got "A > B"');
  });

  it('rejects a category whose parent is not listed', () => {
    expect(() => parseTaxonomy('1 - A\n3 - A > B > C\n')).toThrow('taxonomy line 2: ancestor "A > B" of id 3 is not listed');
  });

  it('rejects an id listed twice', () => {
    expect(() => parseTaxonomy('1 - A\n1 - B\n')).toThrow('taxonomy line 2: id 1 appears twice');
  });
});

describe('loadTaxonomy', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    await migrate(db.url, { log });
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  const categoryCount = async () =>
    (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM products.categories')).rows[0]?.count;

  it('loads every category with its tree columns into products.categories', async () => {
    const result = await loadTaxonomy(db.url, { log });

    expect(result).toEqual({ categories: 5595, skipped: false });
    expect(await categoryCount()).toBe(5595);
    const { rows } = await client.query(
      `SELECT id, name, path, parent_id AS "parentId", depth, ancestor_ids AS "ancestorIds"
         FROM products.categories WHERE id = $1`,
      [CARDSTOCK.id],
    );
    expect(rows).toEqual([CARDSTOCK]);
  });

  it('writes nothing when loaded again', async () => {
    await loadTaxonomy(client, { log });
    const before = await client.query('SELECT xmin::text FROM products.categories ORDER BY id');

    const result = await loadTaxonomy(client, { log });

    expect(result).toEqual({ categories: 5595, skipped: true });
    const after = await client.query('SELECT xmin::text FROM products.categories ORDER BY id');
    expect(after.rows).toEqual(before.rows);
  });

  it('repairs a changed row and rewrites only that row', async () => {
    await loadTaxonomy(client, { log });
    await client.query("UPDATE products.categories SET name = 'Tampered', depth = 99 WHERE id = $1", [CARDSTOCK.id]);
    const before = await client.query<{ id: number; xmin: string }>('SELECT id, xmin::text FROM products.categories');

    const result = await loadTaxonomy(client, { log });

    expect(result).toEqual({ categories: 5595, skipped: false });
    const after = await client.query<{ id: number; xmin: string }>('SELECT id, xmin::text FROM products.categories');
    const beforeXmin = new Map(before.rows.map((row) => [row.id, row.xmin]));
    const rewritten = after.rows.filter((row) => beforeXmin.get(row.id) !== row.xmin).map((row) => row.id);
    expect(rewritten).toEqual([CARDSTOCK.id]);
    const { rows } = await client.query('SELECT name, depth FROM products.categories WHERE id = $1', [CARDSTOCK.id]);
    expect(rows).toEqual([{ name: 'Cardstock', depth: 6 }]);
  });

  it('keeps categories that are not in the file, because products may point at them', async () => {
    await client.query("INSERT INTO products.categories (id, name, path, depth, ancestor_ids) VALUES (999999999, 'Old', 'Old', 0, '{}')");

    const result = await loadTaxonomy(client, { log });

    expect(result.skipped).toBe(false);
    expect(await categoryCount()).toBe(5596);
  });
});
