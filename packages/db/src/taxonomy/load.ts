import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createLogger, type Logger } from '@bodega/logger';
import { Client, type ClientBase } from 'pg';
import { TAXONOMY_FILE } from '../paths';
import { parseTaxonomy, type TaxonomyCategory } from './parse';

// Serialises concurrent loaders (two services starting at once) without blocking readers.
const TAXONOMY_LOCK_KEY = 72707370;

export interface LoadTaxonomyOptions {
  /** Taxonomy file. Default: `data/google-product-taxonomy-with-ids.en-US.txt` at the repository root. */
  file?: string;
  /** Default: `createLogger('db-taxonomy')`. */
  log?: Logger;
}

export interface LoadTaxonomyResult {
  /** Categories in the file. */
  categories: number;
  /** True when the table already held exactly the file's rows and nothing was written. */
  skipped: boolean;
}

// One row per category, in a form both JavaScript and SQL can produce identically.
const FINGERPRINT_SQL = `
SELECT count(*)::int AS count,
       coalesce(md5(string_agg(
         concat_ws('|', id, name, path, coalesce(parent_id::text, ''), depth, array_to_string(ancestor_ids, ',')),
         E'\\n' ORDER BY id)), '') AS checksum
  FROM products.categories`;

// One statement for the whole file; unchanged rows are not rewritten, so a re-load makes no dead tuples.
const UPSERT_SQL = `
INSERT INTO products.categories (id, name, path, parent_id, depth, ancestor_ids)
SELECT id, name, path, parent_id, depth, string_to_array(ancestors, ',')::int[]
  FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[])
       AS t(id, name, path, parent_id, depth, ancestors)
ON CONFLICT (id) DO UPDATE
   SET name = excluded.name, path = excluded.path, parent_id = excluded.parent_id,
       depth = excluded.depth, ancestor_ids = excluded.ancestor_ids
 WHERE (categories.name, categories.path, categories.parent_id, categories.depth, categories.ancestor_ids)
       IS DISTINCT FROM (excluded.name, excluded.path, excluded.parent_id, excluded.depth, excluded.ancestor_ids)`;

/**
 * Loads the Google Product Taxonomy into `products.categories`, idempotently: a table that
 * already matches the file (row count and checksum) is left untouched. Categories missing
 * from the file are kept, since products may still point at them, and reported.
 * A client passed in must not be inside a transaction; it is left open.
 */
export async function loadTaxonomy(
  target: string | ClientBase,
  options: LoadTaxonomyOptions = {},
): Promise<LoadTaxonomyResult> {
  const log = options.log ?? createLogger('db-taxonomy');
  const categories = parseTaxonomy(await readFile(options.file ?? TAXONOMY_FILE, 'utf8'));
  if (typeof target !== 'string') return load(target, categories, log);

  const client = new Client({ connectionString: target, application_name: 'bodega-taxonomy' });
  await client.connect();
  try {
    return await load(client, categories, log);
  } finally {
    await client.end();
  }
}

async function load(client: ClientBase, categories: TaxonomyCategory[], log: Logger): Promise<LoadTaxonomyResult> {
  const started = Date.now();
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [TAXONOMY_LOCK_KEY]);
    const { rows } = await client.query<{ count: number; checksum: string }>(FINGERPRINT_SQL);
    const current = rows[0];
    if (current?.count === categories.length && current.checksum === fingerprint(categories)) {
      await client.query('COMMIT');
      log.debug({ categories: categories.length }, 'taxonomy already loaded');
      return { categories: categories.length, skipped: true };
    }

    const { rowCount } = await client.query(UPSERT_SQL, columns(categories));
    const stale = await client.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM products.categories WHERE NOT (id = ANY($1::int[]))',
      [categories.map((category) => category.id)],
    );
    await client.query('COMMIT');

    const staleCount = stale.rows[0]?.count ?? 0;
    if (staleCount > 0) log.warn({ stale: staleCount }, 'categories in the database are not in the taxonomy file; kept');
    log.info({ categories: categories.length, written: rowCount, ms: Date.now() - started }, 'taxonomy loaded');
    return { categories: categories.length, skipped: false };
  } catch (error) {
    // The original error is the one worth reporting, even if the connection is gone.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Same text, row for row, as FINGERPRINT_SQL builds from the table. */
function fingerprint(categories: TaxonomyCategory[]): string {
  const lines = [...categories]
    .sort((a, b) => a.id - b.id)
    .map((c) => [c.id, c.name, c.path, c.parentId ?? '', c.depth, c.ancestorIds.join(',')].join('|'));
  return createHash('md5').update(lines.join('\n'), 'utf8').digest('hex');
}

function columns(categories: TaxonomyCategory[]): unknown[] {
  return [
    categories.map((c) => c.id),
    categories.map((c) => c.name),
    categories.map((c) => c.path),
    categories.map((c) => c.parentId),
    categories.map((c) => c.depth),
    categories.map((c) => c.ancestorIds.join(',')),
  ];
}
