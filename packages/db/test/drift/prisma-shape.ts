// What Prisma Migrate would create for schema.prisma on Postgres, as a DbShape.
import { getConfig, getDMMF } from '@prisma/internals';
import { readSchemaText, type SchemaTextFacts } from './schema-text';
import { ANY_SEQUENCE, emptyTable, type ColumnShape, type DbShape } from './shape';

type Datamodel = Awaited<ReturnType<typeof getDMMF>>['datamodel'];
type Model = Datamodel['models'][number];
type Field = Model['fields'][number];
type DatamodelEnum = Datamodel['enums'][number];

export interface PrismaShape {
  shape: DbShape;
  /** The datasource's `schemas`: everything in them must be described by schema.prisma. */
  schemas: string[];
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

// @db.X(args) → format_type's spelling; "()" stands for the arguments, when given.
const NATIVE_TYPES: Record<string, string> = {
  Text: 'text', Char: 'character()', VarChar: 'character varying()', Bit: 'bit()', VarBit: 'bit varying()',
  Uuid: 'uuid', Xml: 'xml', Inet: 'inet', Citext: 'citext', Boolean: 'boolean', Integer: 'integer',
  SmallInt: 'smallint', BigInt: 'bigint', Oid: 'oid', DoublePrecision: 'double precision', Real: 'real',
  Decimal: 'numeric()', Money: 'money', Timestamp: 'timestamp() without time zone',
  Timestamptz: 'timestamp() with time zone', Date: 'date', Time: 'time() without time zone',
  Timetz: 'time() with time zone', Json: 'json', JsonB: 'jsonb', ByteA: 'bytea',
};

const ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT',
};

// Postgres truncates identifiers to 63 bytes; Prisma shortens the part before the suffix.
const MAX_IDENTIFIER = 63;

export async function prismaShape(schemaText: string): Promise<PrismaShape> {
  const [dmmf, config] = await Promise.all([getDMMF({ datamodel: schemaText }), getConfig({ datamodel: schemaText })]);
  const facts = readSchemaText(schemaText);
  const { models, enums, indexes } = dmmf.datamodel;
  const shape: DbShape = { tables: new Map(), enums: new Map() };

  const enumType = (name: string): string => {
    const found = enums.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`enum ${name} is not in the DMMF`);
    return qualifiedEnumName(found, facts);
  };
  for (const item of enums) {
    shape.enums.set(qualifiedEnumName(item, facts), item.values.map((value) => value.dbName ?? value.name));
  }

  // An enum default names the Prisma value; the database holds its @map label.
  const enumLabel = (field: Field, value: string): string => {
    const values = field.kind === 'enum' ? enums.find((candidate) => candidate.name === field.type)?.values : undefined;
    const found = values?.find((candidate) => candidate.name === value);
    return found?.dbName ?? value;
  };

  const tableOf = (model: Model) => `${model.schema ?? 'public'}.${model.dbName ?? model.name}`;
  const columnsOf = (model: Model): Map<string, string> => {
    const columns = new Map(model.fields.map((field) => [field.name, field.dbName ?? field.name]));
    for (const field of facts.unsupportedFields.get(model.name) ?? []) columns.set(field.name, field.column);
    return columns;
  };
  const column = (model: Model, field: string): string => {
    const name = columnsOf(model).get(field);
    if (!name) throw new Error(`field ${model.name}.${field} is neither in the DMMF nor an Unsupported field`);
    return name;
  };

  for (const model of models) {
    const tableName = model.dbName ?? model.name;
    const table = emptyTable();
    shape.tables.set(tableOf(model), table);

    for (const field of model.fields) {
      if (field.kind !== 'scalar' && field.kind !== 'enum') continue;
      const base = field.kind === 'enum' ? enumType(field.type) : scalarType(field);
      const type = field.isList ? `${base}[]` : base;
      table.columns.set(field.dbName ?? field.name, {
        type,
        // Prisma Migrate creates list columns nullable, whatever the schema says.
        notNull: field.isRequired && !field.isList,
        default: defaultOf(field, base, type, (value) => enumLabel(field, value)),
      });
    }
    for (const field of facts.unsupportedFields.get(model.name) ?? []) {
      const base = field.dbType.toLowerCase();
      const columnShape: ColumnShape = {
        type: field.list ? `${base}[]` : base,
        notNull: !field.optional && !field.list,
        default: null,
      };
      table.columns.set(field.column, columnShape);
    }

    for (const index of indexes.filter((candidate) => candidate.model === model.name)) {
      const columns = index.fields.map((field) => column(model, field.name));
      const suffix = index.type === 'id' ? 'pkey' : index.type === 'unique' ? 'key' : 'idx';
      const name = index.dbName ?? constraintName(index.type === 'id' ? [tableName] : [tableName, ...columns], suffix);
      table.indexes.set(name, {
        primary: index.type === 'id',
        unique: index.type !== 'normal',
        method: (index.algorithm ?? 'BTree').toLowerCase(),
        columns: index.fields.map((field, i) => `${columns[i]}${field.sortOrder === 'desc' ? ' DESC' : ''}`),
        predicate: null,
      });
    }

    for (const field of model.fields) {
      const from = field.relationFromFields ?? [];
      if (field.kind !== 'object' || from.length === 0) continue;
      const target = models.find((candidate) => candidate.name === field.type);
      if (!target) throw new Error(`relation ${model.name}.${field.name} points at unknown model ${field.type}`);
      const columns = from.map((name) => column(model, name));
      const optional = from.some((name) => !model.fields.find((candidate) => candidate.name === name)?.isRequired);
      const name = facts.foreignKeyNames.get(`${model.name}.${field.name}`) ?? constraintName([tableName, ...columns], 'fkey');
      table.foreignKeys.set(name, {
        columns,
        references: tableOf(target),
        referencedColumns: (field.relationToFields ?? []).map((to) => column(target, to)),
        // Prisma's defaults: an optional relation is cut (SET NULL), a required one protects (RESTRICT).
        onDelete: action(field.relationOnDelete ?? (optional ? 'SetNull' : 'Restrict')),
        onUpdate: action(field.relationOnUpdate ?? 'Cascade'),
      });
    }
  }

  const schemas = config.datasources[0]?.schemas ?? [];
  return { shape, schemas: schemas.length > 0 ? [...schemas] : ['public'] };
}

function qualifiedEnumName(item: DatamodelEnum, facts: SchemaTextFacts): string {
  return `${facts.enumSchemas.get(item.name) ?? 'public'}.${item.dbName ?? item.name}`;
}

function scalarType(field: Field): string {
  if (!field.nativeType) {
    const type = SCALAR_TYPES[field.type];
    if (!type) throw new Error(`no Postgres type known for Prisma type ${field.type} (field ${field.name})`);
    return type;
  }
  const [name, args] = field.nativeType;
  const pattern = NATIVE_TYPES[name];
  if (!pattern) throw new Error(`no Postgres type known for @db.${name} (field ${field.name}); teach the drift test`);
  return pattern.replace('()', args.length > 0 ? `(${args.join(',')})` : '');
}

/** The default as pg_get_expr prints it; undefined where the spelling cannot be predicted. */
function defaultOf(
  field: Field,
  base: string,
  type: string,
  label: (value: string) => string,
): string | null | undefined {
  const value = field.default;
  if (value === undefined) return null;
  if (typeof value !== 'object') return literal(typeof value === 'string' ? label(value) : value, base, field);
  if ('name' in value) {
    if (value.name === 'autoincrement') return ANY_SEQUENCE;
    if (value.name === 'now') return 'CURRENT_TIMESTAMP';
    // uuid(), cuid(), nanoid(), ulid() are filled in by Prisma Client, not the database.
    if (['uuid', 'cuid', 'nanoid', 'ulid'].includes(value.name)) return null;
    return undefined;
  }
  if (value.length === 0) return `ARRAY[]::${type}`;
  const items = value.map((item) => literal(typeof item === 'string' ? label(item) : item, base, field));
  return items.includes(undefined) ? undefined : `ARRAY[${items.join(', ')}]`;
}

function literal(value: string | number | boolean, base: string, field: Field): string | undefined {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return value < 0 ? `'${value}'::${base}` : String(value);
  if (field.kind === 'enum' || base === 'text' || base === 'uuid') return `'${value.replace(/'/g, "''")}'::${base}`;
  if (base.startsWith('character varying')) return `'${value.replace(/'/g, "''")}'::character varying`;
  if (base.startsWith('character')) return `'${value.replace(/'/g, "''")}'::bpchar`;
  return undefined;
}

function constraintName(parts: string[], suffix: string): string {
  const stem = parts.join('_');
  return `${stem.slice(0, MAX_IDENTIFIER - suffix.length - 1)}_${suffix}`;
}

function action(prismaAction: string): string {
  return ACTIONS[prismaAction] ?? prismaAction;
}
