/** One node of the Google Product Taxonomy, shaped like a row of `products.categories`. */
export interface TaxonomyCategory {
  id: number;
  /** Last segment of the path, e.g. "Tableware". */
  name: string;
  /** Full path, e.g. "Home & Garden > Kitchen & Dining > Tableware". */
  path: string;
  parentId: number | null;
  /** 0 for a root category. */
  depth: number;
  /** Ids of every ancestor, root first, excluding the category itself. */
  ancestorIds: number[];
}

const SEPARATOR = ' > ';
const LINE = /^(\d+) - (.+)$/;

interface Entry {
  id: number;
  path: string;
  segments: string[];
  where: string;
}

/**
 * Parses the taxonomy's `id - A > B > C` lines. Comment lines (`# Google_Product_Taxonomy_Version: ...`)
 * and blank lines are skipped; anything else malformed throws, naming the line, because a
 * half-loaded tree is worse than none.
 */
export function parseTaxonomy(text: string): TaxonomyCategory[] {
  const entries = readEntries(text);
  const idByPath = new Map(entries.map((entry) => [entry.path, entry.id]));

  return entries.map(({ id, path, segments, where }) => {
    // Every prefix of the path must itself be listed: that is where parent and ancestors come from.
    const ancestorIds = segments.slice(0, -1).map((_, index) => {
      const ancestorPath = segments.slice(0, index + 1).join(SEPARATOR);
      const ancestorId = idByPath.get(ancestorPath);
      if (ancestorId === undefined) throw new Error(`${where}: ancestor "${ancestorPath}" of id ${id} is not listed`);
      return ancestorId;
    });
    return {
      id,
      name: segments[segments.length - 1] ?? path,
      path,
      parentId: ancestorIds[ancestorIds.length - 1] ?? null,
      depth: segments.length - 1,
      ancestorIds,
    };
  });
}

function readEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  const seenIds = new Set<number>();
  const seenPaths = new Set<string>();

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `taxonomy line ${index + 1}`;

    const match = LINE.exec(line);
    if (!match?.[1] || !match[2]) throw new Error(`${where}: expected "<id> - <path>", got "${line}"`);
    const id = Number(match[1]);
    const path = match[2];
    if (seenIds.has(id)) throw new Error(`${where}: id ${id} appears twice`);
    if (seenPaths.has(path)) throw new Error(`${where}: path "${path}" appears twice`);
    seenIds.add(id);
    seenPaths.add(path);
    entries.push({ id, path, segments: path.split(SEPARATOR), where });
  });
  return entries;
}
