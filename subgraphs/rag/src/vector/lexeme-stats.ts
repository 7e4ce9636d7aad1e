import type { PrismaClient } from '@bodega/db';

interface Entry {
  df: number;
  at: number;
}

/**
 * How many chunks hold each full-text lexeme, cached per process (counts move slowly, and a
 * count over a common lexeme is the slowest query a search would make). Stale by at most `ttlMs`.
 */
export class LexemeStats {
  private readonly cache = new Map<string, Entry>();
  private total: Entry | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 50_000,
  ) {}

  /**
   * The number of chunks, and of chunks holding each lexeme (all versions: close enough for weights),
   * counted up to `cap`: a caller that only asks "more than n?" need not pay for counting the rest.
   */
  async frequencies(lexemes: readonly string[], cap: number): Promise<{ total: number; df: Map<string, number> }> {
    const now = Date.now();
    const fresh = (entry: Entry | null | undefined): entry is Entry => entry !== null && entry !== undefined && now - entry.at < this.ttlMs;
    const missing = lexemes.filter((lexeme) => !fresh(this.cache.get(lexeme)));
    if (!fresh(this.total)) {
      // Exact (reltuples moves with autovacuum, which made the cut-off differ run to run), cached for ttlMs.
      const [row] = await this.prisma.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM rag.chunks`;
      this.total = { df: row?.total ?? 0, at: now };
    }
    if (missing.length > 0) {
      const [row] = await this.prisma.$queryRaw<Array<{ df: number[] }>>`
        SELECT ARRAY(SELECT (SELECT count(*) FROM (SELECT 1 FROM rag.chunks c WHERE c.search_vector @@ quote_literal(l)::tsquery LIMIT ${cap}) s)::int
                FROM unnest(${[...missing]}::text[]) WITH ORDINALITY AS m(l, i) ORDER BY i) AS df`;
      missing.forEach((lexeme, i) => this.remember(lexeme, row?.df[i] ?? 0, now));
    }
    const total = Math.max(this.total!.df, 1);
    return { total, df: new Map(lexemes.map((lexeme) => [lexeme, this.cache.get(lexeme)?.df ?? 0])) };
  }

  private remember(lexeme: string, df: number, at: number): void {
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(lexeme, { df, at });
  }
}
