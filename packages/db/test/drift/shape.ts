// The parts of a database schema the drift test compares, in one shape that both sides
// (schema.prisma and the live catalog) are turned into. Types and default expressions are
// spelled as Postgres prints them (format_type, pg_get_expr with search_path = pg_catalog).

export interface DbShape {
  /** Keyed "schema.table". */
  tables: Map<string, TableShape>;
  /** Keyed "schema.type"; labels in declaration order. */
  enums: Map<string, string[]>;
}

export interface TableShape {
  columns: Map<string, ColumnShape>;
  /** Keyed by index name; includes the primary key. */
  indexes: Map<string, IndexShape>;
  /** Keyed by constraint name. */
  foreignKeys: Map<string, ForeignKeyShape>;
}

/** Marks an expected default that only says "a sequence" (autoincrement()), not which one. */
export const ANY_SEQUENCE = 'nextval(<sequence>)';

export interface ColumnShape {
  type: string;
  notNull: boolean;
  /** null: no default. undefined: schema.prisma's default cannot be predicted, so not compared. */
  default: string | null | undefined;
}

export interface IndexShape {
  primary: boolean;
  unique: boolean;
  /** Access method: btree, gin, gist, hash, brin, spgist. */
  method: string;
  /** Column names, with " DESC" for descending ones. */
  columns: string[];
  /** Partial index condition; schema.prisma cannot express one. */
  predicate: string | null;
}

export interface ForeignKeyShape {
  columns: string[];
  /** "schema.table" */
  references: string;
  referencedColumns: string[];
  /** CASCADE, RESTRICT, NO ACTION, SET NULL, SET DEFAULT */
  onDelete: string;
  onUpdate: string;
}

export function emptyTable(): TableShape {
  return { columns: new Map(), indexes: new Map(), foreignKeys: new Map() };
}

export function describeColumn(column: ColumnShape): string {
  const nullability = column.notNull ? ' NOT NULL' : '';
  const dflt = column.default ? ` DEFAULT ${column.default}` : '';
  return `${column.type}${nullability}${dflt}`;
}

export function describeIndex(index: IndexShape): string {
  const kind = index.primary ? 'PRIMARY KEY' : index.unique ? 'UNIQUE INDEX' : 'INDEX';
  const where = index.predicate ? ` WHERE ${index.predicate}` : '';
  return `${kind} USING ${index.method} (${index.columns.join(', ')})${where}`;
}

export function describeForeignKey(fk: ForeignKeyShape): string {
  return (
    `FOREIGN KEY (${fk.columns.join(', ')}) REFERENCES ${fk.references} (${fk.referencedColumns.join(', ')}) ` +
    `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`
  );
}
