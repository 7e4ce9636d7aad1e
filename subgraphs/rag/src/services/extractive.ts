import { analyseText } from '@bodega/ai';
import { sentenceSpans } from '../chunking';
import type { ChunkModel } from './chunks';
import { coverage, evidenceOf, type WeighedQuestion } from './evidence';

export interface Candidate {
  chunk: ChunkModel;
  /** "Title › Heading": what the chunk is about, counted with its text. */
  context: string;
}

export interface ScoredSentence {
  chunk: ChunkModel;
  start: number;
  end: number;
  text: string;
  score: number;
}

interface Scored {
  candidate: Candidate;
  evidence: number;
  /** Evidence discounted by retrieval rank: which chunks to quote. */
  score: number;
}

export interface Support {
  /** The strongest evidence any candidate gives (0..1, see evidenceOf): what `grounded` is decided on. */
  evidence: number;
  /** The chunks to quote, best first: the best, and a close second from another document. */
  sources: Candidate[];
}

/** A lower-ranked chunk must cover clearly more to be quoted first: 15% less per rank. */
const RANK_DISCOUNT = 0.15;
/** A second document is quoted too when it scores at least this share of the first. */
const SECOND_SOURCE = 0.85;

/** How much each candidate (in retrieval order) answers the question, and which to quote. */
export function support(question: WeighedQuestion, candidates: readonly Candidate[]): Support {
  const scored: Scored[] = candidates.map((candidate, rank) => {
    const evidence = evidenceOf(coverage(question, analyseText(`${candidate.context}\n${candidate.chunk.text}`)));
    return { candidate, evidence, score: evidence * (1 - RANK_DISCOUNT * rank) };
  });
  const evidence = Math.max(0, ...scored.map((entry) => entry.evidence));
  const ranked = [...scored].sort((a, b) => b.score - a.score);
  const first = ranked[0];
  if (!first) return { evidence, sources: [] };
  const second = ranked.find(
    (entry) => entry.candidate.chunk.documentId !== first.candidate.chunk.documentId && entry.score >= SECOND_SOURCE * first.score,
  );
  return { evidence, sources: second ? [first.candidate, second.candidate] : [first.candidate] };
}

function sentencesOf(question: WeighedQuestion, source: Candidate): ScoredSentence[] {
  const contextTerms = analyseText(source.context);
  return sentenceSpans(source.chunk.text).map((span) => {
    const text = source.chunk.text.slice(span.start, span.end);
    const own = analyseText(text);
    // The heading counts for a sentence too ("Returns › What cannot be returned": "Gift cards."), for 30%.
    const withContext = coverage(question, {
      terms: [...own.terms, ...contextTerms.terms],
      concepts: [...own.concepts, ...contextTerms.concepts],
      mentions: [...own.mentions, ...contextTerms.mentions],
    });
    return { chunk: source.chunk, start: span.start, end: span.end, text, score: 0.7 * coverage(question, own).share + 0.3 * withContext.share };
  });
}

/**
 * The extractive answer, as exact quotes: the best sentence of the first source, with the one
 * after it when that carries on the answer (scores well too, or the first is short), then the best
 * sentence of a second source, if there is one.
 */
export function extract(question: WeighedQuestion, found: Support): ScoredSentence[] {
  const picked: ScoredSentence[] = [];
  found.sources.forEach((source, i) => {
    const sentences = sentencesOf(question, source);
    const top = [...sentences].sort((a, b) => b.score - a.score || a.start - b.start)[0];
    if (!top) return;
    const group = [top];
    const next = sentences[sentences.indexOf(top) + 1];
    if (i === 0 && next && (next.score >= 0.5 * top.score || top.text.length < 80)) group.push(next);
    picked.push(...group);
  });
  return picked;
}
