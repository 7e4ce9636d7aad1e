import { analyseText, conceptWords } from '@bodega/ai';
import { Prisma } from '@bodega/db';
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
  const vectorHits = mode === 'FULL_TEXT' ? Promise.resolve([]) : vectorLeg(ctx, query, candidates);
  const [fullText, vector] = await Promise.all([
    mode === 'VECTOR' ? [] : fullTextLeg(ctx, query, candidates, mode === 'HYBRID' ? () => vectorHits.then((hits) => hits.map((hit) => hit.id)) : undefined),
    vectorHits,
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
/**
 * Matches that ts_rank_cd ranks, picked by ts_rank: cover density costs about the matches times
 * the query's lexemes (a thesaurus-expanded question has dozens), ts_rank a seventh of that.
 */
export const CD_RANKED = 200;

/**
 * Full text with OR semantics: any of the question's lexemes (English stemming, stop words
 * dropped) may match, and ts_rank_cd ranks chunks that match more of them, closer together and in
 * the title or headings (weight A), higher. Lexemes found in over a quarter of the chunks are left
 * out (the rarest one found anywhere stays), as an idf cut-off, and so are the commonest once the
 * matches to rank pass `fullTextBudget`. ts_rank_cd orders the best CD_RANKED matches by ts_rank (all
 * of them, on a corpus where fewer match). When even the rarest lexeme kept matches more than
 * the budget, it tells little apart: with `within` (the vector leg's candidates), only those
 * are ranked.
 */
export async function fullTextLeg(ctx: RagContext, query: string, limit: number, within?: () => Promise<string[]>): Promise<LegHit[]> {
  const expansion = [...new Set(analyseText(query).concepts.flatMap((concept) => conceptWords(concept)))].join(' ');
  const [parsed] = await ctx.prisma.$queryRaw<Array<{ lexemes: string[] }>>`
    SELECT coalesce(array_agg(DISTINCT lexeme), '{}') AS lexemes FROM unnest(to_tsvector('english', ${`${query} ${expansion}`}))`;
  const lexemes = parsed?.lexemes ?? [];
  if (lexemes.length === 0) return [];
  const { total, df } = await ctx.lexemes.frequencies(lexemes, ctx.settings.fullTextBudget + 1);
  // Lexemes no chunk has match nothing, so they cannot stand in for the common ones left out.
  const present = lexemes.filter((lexeme) => (df.get(lexeme) ?? 0) > 0).sort((a, b) => df.get(a)! - df.get(b)!);
  if (present.length === 0) return [];
  // Ranking reads every matching chunk: past the budget, the commoner lexemes go first.
  let budget = ctx.settings.fullTextBudget;
  const kept = present.filter((lexeme, i) => {
    const matches = df.get(lexeme)!;
    const keep = i === 0 || (matches <= COMMON_LEXEME_SHARE * total && matches <= budget);
    if (keep) budget -= matches;
    return keep;
  });
  const overBudget = kept.reduce((sum, lexeme) => sum + df.get(lexeme)!, 0) > ctx.settings.fullTextBudget;
  const candidates = overBudget && within ? await within() : null;
  if (candidates && candidates.length === 0) return [];
  const among = candidates ? Prisma.sql`AND c.id = ANY(${candidates}::bigint[])` : Prisma.empty;
  const rows = await ctx.prisma.$queryRaw<Array<{ id: bigint }>>`
    WITH q AS (SELECT array_to_string(ARRAY(SELECT quote_literal(l) FROM unnest(${kept}::text[]) l), ' | ')::tsquery AS query),
    best AS (
      SELECT c.id, c.search_vector FROM q, rag.chunks c JOIN rag.documents d ON d.id = c.document_id
      WHERE c.search_vector @@ q.query AND ${searchable(ctx)} ${among}
      ORDER BY ts_rank(c.search_vector, q.query, 1) DESC, c.id
      LIMIT ${Math.max(CD_RANKED, limit)}
    )
    SELECT best.id FROM q, best
    ORDER BY ts_rank_cd(best.search_vector, q.query, 1) DESC, best.id
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
