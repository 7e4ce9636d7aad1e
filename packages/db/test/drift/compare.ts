import {
  ANY_SEQUENCE,
  describeColumn,
  describeForeignKey,
  describeIndex,
  type ColumnShape,
  type DbShape,
  type TableShape,
} from './shape';

/**
 * Every way the database differs from what schema.prisma describes, one readable line each
 * ("expected" is schema.prisma, "found" is the database). Empty when they match.
 */
export function compareShapes(expected: DbShape, actual: DbShape): string[] {
  const differences: string[] = [];
  const report = (line: string) => differences.push(line);

  for (const [name, table] of expected.tables) {
    const found = actual.tables.get(name);
    if (!found) report(`table ${name}: missing`);
    else compareTables(name, table, found, report);
  }
  for (const name of actual.tables.keys()) {
    if (!expected.tables.has(name)) report(`table ${name}: not described by schema.prisma`);
  }

  for (const [name, labels] of expected.enums) {
    const found = actual.enums.get(name);
    if (!found) report(`enum ${name}: missing`);
    else if (found.join(',') !== labels.join(',')) {
      report(`enum ${name}: values are [${found.join(', ')}], schema.prisma says [${labels.join(', ')}]`);
    }
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) report(`enum ${name}: not described by schema.prisma`);
  }

  return differences;
}

function compareTables(table: string, expected: TableShape, actual: TableShape, report: (line: string) => void): void {
  for (const [name, column] of expected.columns) {
    const found = actual.columns.get(name);
    if (!found) report(`column ${table}.${name}: missing (expected ${describeColumn(column)})`);
    else compareColumns(`${table}.${name}`, column, found, report);
  }
  for (const [name, column] of actual.columns) {
    if (!expected.columns.has(name)) {
      report(`column ${table}.${name}: not described by schema.prisma (found ${describeColumn(column)})`);
    }
  }

  compareNamed(`index on ${table}`, expected.indexes, actual.indexes, describeIndex, report);
  compareNamed(`foreign key on ${table}`, expected.foreignKeys, actual.foreignKeys, describeForeignKey, report);
}

function compareColumns(column: string, expected: ColumnShape, actual: ColumnShape, report: (line: string) => void): void {
  if (expected.type !== actual.type) {
    report(`column ${column}: type is ${actual.type}, schema.prisma says ${expected.type}`);
  }
  if (expected.notNull !== actual.notNull) {
    const say = (notNull: boolean) => (notNull ? 'NOT NULL' : 'nullable');
    report(`column ${column}: is ${say(actual.notNull)}, schema.prisma says ${say(expected.notNull)}`);
  }
  if (expected.default !== undefined && !defaultsMatch(expected.default, actual.default ?? null)) {
    const say = (value: string | null) => (value === null ? 'no default' : `DEFAULT ${value}`);
    report(`column ${column}: has ${say(actual.default ?? null)}, schema.prisma says ${say(expected.default)}`);
  }
}

function defaultsMatch(expected: string | null, actual: string | null): boolean {
  if (expected === ANY_SEQUENCE) return actual?.startsWith('nextval(') ?? false;
  return expected === actual;
}

function compareNamed<T>(
  what: string,
  expected: Map<string, T>,
  actual: Map<string, T>,
  describe: (item: T) => string,
  report: (line: string) => void,
): void {
  for (const [name, item] of expected) {
    const found = actual.get(name);
    if (!found) report(`${what}: ${name} missing (expected ${describe(item)})`);
    else if (describe(found) !== describe(item)) {
      report(`${what}: ${name} is ${describe(found)}, schema.prisma says ${describe(item)}`);
    }
  }
  for (const [name, item] of actual) {
    if (!expected.has(name)) report(`${what}: ${name} not described by schema.prisma (found ${describe(item)})`);
  }
}
