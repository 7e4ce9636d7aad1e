// Facts about schema.prisma that Prisma's DMMF leaves out, read from the text itself:
// Unsupported("...") fields, the @@schema of enums, and foreign key names given with
// @relation(map: ...). Line-based, which is enough for schemas `prisma format` has laid out.

export interface UnsupportedField {
  name: string;
  column: string;
  /** The database type, as written inside Unsupported("..."). */
  dbType: string;
  optional: boolean;
  list: boolean;
}

export interface SchemaTextFacts {
  /** By model name. */
  unsupportedFields: Map<string, UnsupportedField[]>;
  /** By enum name. */
  enumSchemas: Map<string, string>;
  /** Keyed "Model.field" of the relation field that holds the foreign key. */
  foreignKeyNames: Map<string, string>;
}

const BLOCK_START = /^(model|enum)\s+(\w+)\s*\{/;
const UNSUPPORTED = /^(\w+)\s+Unsupported\(\s*"((?:[^"\\]|\\.)*)"\s*\)(\[\]|\?)?/;
const MAP = /@map\(\s*(?:name:\s*)?"([^"]+)"\s*\)/;
const SCHEMA = /^@@schema\(\s*"([^"]+)"\s*\)/;
const RELATION_MAP = /^(\w+)\s.*@relation\([^)]*\bmap:\s*"([^"]+)"/;

export function readSchemaText(text: string): SchemaTextFacts {
  const facts: SchemaTextFacts = { unsupportedFields: new Map(), enumSchemas: new Map(), foreignKeyNames: new Map() };
  let block: { kind: string; name: string } | undefined;

  for (const raw of text.split(/\r?\n/)) {
    const line = stripComment(raw).trim();
    if (!block) {
      const start = BLOCK_START.exec(line);
      if (start?.[1] && start[2]) block = { kind: start[1], name: start[2] };
      continue;
    }
    if (line.startsWith('}')) {
      block = undefined;
      continue;
    }

    const schema = SCHEMA.exec(line);
    if (schema?.[1] && block.kind === 'enum') facts.enumSchemas.set(block.name, schema[1]);
    if (block.kind !== 'model') continue;

    const unsupported = UNSUPPORTED.exec(line);
    if (unsupported?.[1] && unsupported[2] !== undefined) {
      const fields = facts.unsupportedFields.get(block.name) ?? [];
      fields.push({
        name: unsupported[1],
        column: MAP.exec(line)?.[1] ?? unsupported[1],
        dbType: unsupported[2].replace(/\\"/g, '"'),
        optional: unsupported[3] === '?',
        list: unsupported[3] === '[]',
      });
      facts.unsupportedFields.set(block.name, fields);
    }
    const relation = RELATION_MAP.exec(line);
    if (relation?.[1] && relation[2]) facts.foreignKeyNames.set(`${block.name}.${relation[1]}`, relation[2]);
  }
  return facts;
}

// Drops a trailing `// comment` (and `///` docs) that is not inside a string.
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (char === '\\') i += 1;
    else if (char === '"') inString = !inString;
    else if (!inString && char === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}
