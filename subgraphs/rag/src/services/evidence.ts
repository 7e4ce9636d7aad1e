import { analyseText, type LexicalAnalysis } from '@bodega/ai';
import { Prisma } from '@bodega/db';
import type { RagContext } from '../context';
import { searchable } from './chunks';

/** A question's content words and concepts, each weighed by how rare it is among the searchable chunks. */
export interface WeighedQuestion {
  analysis: LexicalAnalysis;
  /** Per term (by position in `analysis.terms`): idf × the term's own weight. */
  weights: number[];
  total: number;
}

/**
 * Weighs a question's words by inverse document frequency over the chunks the caller may search
 * (Postgres counts, by the same English stemming the full-text index uses): a word no chunk has
 * weighs most, so a question about something the documents never mention finds little support.
 */
export async function weighQuestion(ctx: RagContext, question: string): Promise<WeighedQuestion> {
  const analysis = analyseText(question);
  const words = [...new Set(analysis.terms.map((term) => term.word))];
  if (words.length === 0) return { analysis, weights: [], total: 0 };
  const counts = Prisma.join(
    words.map((word) => Prisma.sql`count(*) FILTER (WHERE c.search_vector @@ plainto_tsquery('english', ${word}))::int`),
  );
  const [row] = await ctx.prisma.$queryRaw<Array<{ total: number; df: number[] }>>`
    SELECT count(*)::int AS total, ARRAY[${counts}] AS df
    FROM rag.chunks c JOIN rag.documents d ON d.id = c.document_id WHERE ${searchable(ctx)}`;
  const total = row?.total ?? 0;
  const df = new Map(words.map((word, i) => [word, row?.df[i] ?? 0]));
  // idf scaled to 0..1 by the idf of a word no chunk has, so weights mean the same in a corpus of 50 chunks or 100,000.
  const unseen = Math.log((total + 1) / 0.5);
  const weights = analysis.terms.map((term) => {
    const idf = Math.log((total + 1) / ((df.get(term.word) ?? 0) + 0.5)) / unseen;
    // A figure in a question ("60 euros", "two weeks") is rarely the figure its answer states.
    const figure = /^\d/.test(term.word) ? 0.3 : 1;
    return term.weight * figure * Math.min(1, Math.max(0.05, idf));
  });
  return { analysis, weights, total: weights.reduce((sum, weight) => sum + weight, 0) };
}

/** A concept shared with the answer counts for most of the word it came from. */
const CONCEPT_CREDIT = 0.8;

export interface Coverage {
  /** The weighed share of the question's words the passage has (by stem) or means (by concept), 0..1. */
  share: number;
  /** The weight matched, each word's weight being its scaled idf (1: a word no chunk has). */
  matched: number;
}

/**
 * How much of the question a passage answers: which of the question's words it has (by stem), or
 * means (by a thesaurus concept the word's phrase names), weighed by how rare each word is.
 */
export function coverage(question: WeighedQuestion, passage: LexicalAnalysis): Coverage {
  if (question.total === 0) return { share: 0, matched: 0 };
  const stems = new Set(passage.terms.map((term) => term.stem));
  const concepts = new Set(passage.concepts);
  let matched = 0;
  question.analysis.terms.forEach((term, i) => {
    const weight = question.weights[i]!;
    if (stems.has(term.stem)) {
      matched += weight;
      return;
    }
    const named = question.analysis.mentions.some(
      (mention) => mention.from <= term.position && term.position < mention.to && concepts.has(mention.concept),
    );
    if (named) matched += CONCEPT_CREDIT * weight;
  });
  return { share: matched / question.total, matched };
}

/** Matched weight at which a passage's support stops growing: about two distinctive words. */
const ENOUGH_MATCHED = 1.2;

/**
 * Evidence that a passage answers the question, 0..1: half the share of the question it covers,
 * half how much distinctive vocabulary it shares with it. The share alone trusts a passage that
 * matches the one generic word of a short question ("What is the name of your CEO?" → a privacy
 * page about names); the amount alone distrusts paraphrases full of incidental words.
 */
export function evidenceOf(found: Coverage): number {
  return 0.5 * found.share + 0.5 * Math.min(1, found.matched / ENOUGH_MATCHED);
}
