import { analyseText, conceptWords } from '@bodega/ai';
import { parseInput } from '@bodega/errors';
import { z } from 'zod';
import type { RagContext } from '../context';
import { loadSearchableChunks, searchable, type ChunkModel } from './chunks';
import { reciprocalRankFusion } from './fusion';

export type SearchMode = 'HYBRID' | 'FULL_TEXT' | 'VECTOR';

export interface SearchHit {
  /** 0..1: the fused score over the best a result could get (first in every leg). */
  score: number;
  chunk: ChunkModel;
  /** Rank in the full-text and vector legs (1-based), null where that leg did not find it. */
  ranks: { fullText: number | null; vector: number | null };
  /** The chunk's cosine similarity to the question, when the vector leg found it. */
  similarity: number | null;
}

export const searchArgs = z.object({
  query: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
  first: z.number().int().min(1, 'must be between 1 and 50').max(50, 'must be between 1 and 50').nullish().transform((value) => value ?? 10),
});

/**
 * `search(query, first)`: hybrid retrieval over the chunks the caller may read. Full text with OR
 * semantics (see fullTextLeg) and the nearest chunks by cosine similarity in the vector index, fused
 * by reciprocal rank (k = 60). Each chunk appears once.
 */
export async function searchChunks(ctx: RagContext, args: unknown, mode: SearchMode = 'HYBRID'): Promise<SearchHit[]> {
  const { query, first } = parseInput(searchArgs, args);
  const candidates = Math.max(ctx.settings.candidatesPerLeg, first);
  const [fullText, vector] = await Promise.all([
    mode === 'VECTOR' ? [] : fullTextLeg(ctx, query, candidates),
    mode === 'FULL_TEXT' ? [] : vectorLeg(ctx, query, candidates),
  ]);
  const fused = reciprocalRankFusion([fullText.map((hit) => hit.id), vector.map((hit) => hit.id)], ctx.settings.rrfK);
  // Read twice as many as asked: vector hits the caller may not search are dropped here.
  const best = fused.slice(0, first * 2);
  const chunks = await loadSearchableChunks(ctx, best.map((entry) => BigInt(entry.id)));
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const similarity = new Map(vector.map((hit) => [hit.id, hit.similarity]));
  const legs = mode === 'HYBRID' ? 2 : 1;
  const top = legs / (ctx.settings.rrfK + 1);
  return best.flatMap((entry) => {
    const chunk = byId.get(entry.id);
    if (!chunk) return [];
    return [{
      score: Math.min(1, entry.score / top),
      chunk,
      ranks: { fullText: entry.ranks[0] ?? null, vector: entry.ranks[1] ?? null },
      similarity: similarity.get(entry.id) ?? null,
    }];
  }).slice(0, first);
}

interface LegHit {
  id: string;
  similarity?: number;
}

/** Lexemes in more than this share of the chunks say little about which chunk answers, and only slow the query. */
const COMMON_LEXEME_SHARE = 0.25;
/** At most about this many chunks are ranked per query (a work budget that only binds on large corpora). */
export const MAX_RANKED = 2_000;

/**
 * Full text with OR semantics: any of the question's lexemes (English stemming, stop words
 * dropped) may match, and ts_rank_cd ranks chunks that match more of them, closer together and in
 * the title or headings (weight A), higher. Lexemes found in over a quarter of the chunks are left
 * out (the rarest one found anywhere stays), as an idf cut-off, and so are the commonest once the
 * matches to rank pass MAX_RANKED.
 */
export async function fullTextLeg(ctx: RagContext, query: string, limit: number): Promise<LegHit[]> {
  const expansion = [...new Set(analyseText(query).concepts.flatMap((concept) => conceptWords(concept)))].join(' ');
  const [parsed] = await ctx.prisma.$queryRaw<Array<{ lexemes: string[] }>>`
    SELECT coalesce(array_agg(DISTINCT lexeme), '{}') AS lexemes FROM unnest(to_tsvector('english', ${`${query} ${expansion}`}))`;
  const lexemes = parsed?.lexemes ?? [];
  if (lexemes.length === 0) return [];
  const { total, df } = await ctx.lexemes.frequencies(lexemes, MAX_RANKED + 1);
  // Lexemes no chunk has match nothing, so they cannot stand in for the common ones left out.
  const present = lexemes.filter((lexeme) => (df.get(lexeme) ?? 0) > 0).sort((a, b) => df.get(a)! - df.get(b)!);
  if (present.length === 0) return [];
  // ts_rank_cd reads every matching chunk: past MAX_RANKED matches, the commoner lexemes go first.
  let budget = MAX_RANKED;
  const kept = present.filter((lexeme, i) => {
    const matches = df.get(lexeme)!;
    const keep = i === 0 || (matches <= COMMON_LEXEME_SHARE * total && matches <= budget);
    if (keep) budget -= matches;
    return keep;
  });
  const rows = await ctx.prisma.$queryRaw<Array<{ id: bigint }>>`
    WITH q AS (SELECT array_to_string(ARRAY(SELECT quote_literal(l) FROM unnest(${kept}::text[]) l), ' | ')::tsquery AS query)
    SELECT c.id FROM q, rag.chunks c JOIN rag.documents d ON d.id = c.document_id
    WHERE c.search_vector @@ q.query AND ${searchable(ctx)}
    ORDER BY ts_rank_cd(c.search_vector, q.query, 1) DESC, c.id
    LIMIT ${limit}`;
  return rows.map((row) => ({ id: String(row.id) }));
}

/**
 * The nearest chunks in the vector index, best first. The index also holds chunks no caller may
 * search (versions in flight, INTERNAL ones for a customer, ones just removed): searchChunks drops
 * them when it reads the fused results from Postgres, one query for both legs.
 */
export async function vectorLeg(ctx: RagContext, query: string, limit: number): Promise<Array<LegHit & { similarity: number }>> {
  const [vector] = await ctx.ai.embed([query]);
  if (!vector) return [];
  return ctx.index.search(vector, limit).map((n) => ({ id: String(n.chunkId), similarity: n.similarity }));
}
