import { Client } from 'pg';
import { emptyTable, type DbShape, type TableShape } from './shape';

const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS table
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1)`;

// Generated columns are not defaults; their expression lives in the same catalog column.
const COLUMNS_SQL = `
SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
       format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS "default"
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum`;

// indoption bit 1 = DESC, bit 2 = NULLS FIRST (the default for DESC, so only the odd ones are shown).
const INDEXES_SQL = `
SELECT n.nspname AS schema, t.relname AS table, i.relname AS name, am.amname AS method,
       ix.indisprimary AS "primary", ix.indisunique AS "unique",
       pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
       ARRAY(
         SELECT CASE WHEN k >= ix.indnkeyatts THEN 'INCLUDE ' ELSE '' END
                || pg_get_indexdef(ix.indexrelid, k + 1, true)
                || CASE ix.indoption[k] & 3 WHEN 3 THEN ' DESC' WHEN 1 THEN ' DESC NULLS LAST'
                                              WHEN 2 THEN ' NULLS FIRST' ELSE '' END
           FROM generate_subscripts(ix.indkey, 1) AS k ORDER BY k
       )::text[] AS columns
  FROM pg_index ix
  JOIN pg_class i ON i.oid = ix.indexrelid
  JOIN pg_class t ON t.oid = ix.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_am am ON am.oid = i.relam
 WHERE n.nspname = ANY($1) AND t.relkind IN ('r', 'p')`;

const FOREIGN_KEYS_SQL = `
SELECT n.nspname AS schema, t.relname AS table, con.conname AS name,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
       rn.nspname || '.' || rt.relname AS "references",
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[]
         AS "referencedColumns",
       con.confdeltype AS "onDelete", con.confupdtype AS "onUpdate"
  FROM pg_constraint con
  JOIN pg_class t ON t.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_class rt ON rt.oid = con.confrelid
  JOIN pg_namespace rn ON rn.oid = rt.relnamespace
 WHERE con.contype = 'f' AND n.nspname = ANY($1)`;

const ENUMS_SQL = `
SELECT n.nspname AS schema, t.typname AS name,
       coalesce(array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FILTER (WHERE e.enumlabel IS NOT NULL), '{}')
         AS labels
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_enum e ON e.enumtypid = t.oid
 WHERE t.typtype = 'e' AND n.nspname = ANY($1)
 GROUP BY n.nspname, t.typname`;

const ACTIONS: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

interface Located {
  schema: string;
  table: string;
}

/** Reads the live shape of the given schemas. */
export async function introspectDatabase(databaseUrl: string, schemas: string[]): Promise<DbShape> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Only pg_catalog on the path, so every user type and sequence prints schema-qualified.
    await client.query('SET search_path = pg_catalog');
    const query = async <T extends object>(sql: string) => (await client.query<T>(sql, [schemas])).rows;

    const shape: DbShape = { tables: new Map(), enums: new Map() };
    const table = (row: Located): TableShape => {
      const key = `${row.schema}.${row.table}`;
      const found = shape.tables.get(key) ?? emptyTable();
      shape.tables.set(key, found);
      return found;
    };

    for (const row of await query<Located>(TABLES_SQL)) table(row);
    type ColumnRow = Located & { column: string; type: string; notNull: boolean; default: string | null };
    for (const row of await query<ColumnRow>(COLUMNS_SQL)) {
      table(row).columns.set(row.column, { type: row.type, notNull: row.notNull, default: row.default });
    }
    type IndexRow = Located & { name: string; method: string; primary: boolean; unique: boolean; predicate: string | null; columns: string[] };
    for (const row of await query<IndexRow>(INDEXES_SQL)) {
      const { name, method, primary, unique, predicate } = row;
      table(row).indexes.set(name, { method, primary, unique, predicate, columns: row.columns.map(unquote) });
    }
    type ForeignKeyRow = Located & { name: string; columns: string[]; references: string; referencedColumns: string[]; onDelete: string; onUpdate: string };
    for (const row of await query<ForeignKeyRow>(FOREIGN_KEYS_SQL)) {
      table(row).foreignKeys.set(row.name, {
        columns: row.columns,
        references: row.references,
        referencedColumns: row.referencedColumns,
        onDelete: ACTIONS[row.onDelete] ?? row.onDelete,
        onUpdate: ACTIONS[row.onUpdate] ?? row.onUpdate,
      });
    }
    for (const row of await query<{ schema: string; name: string; labels: string[] }>(ENUMS_SQL)) {
      shape.enums.set(`${row.schema}.${row.name}`, row.labels);
    }
    return shape;
  } finally {
    await client.end();
  }
}

// pg_get_indexdef quotes names that need it ("createdAt"); schema.prisma's side is unquoted.
function unquote(column: string): string {
  return column.replace(/^"((?:[^"]|"")*)"/, (_, name: string) => name.replace(/""/g, '"'));
}
