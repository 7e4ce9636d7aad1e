import { isAiError } from '@bodega/ai';
import { parseInput } from '@bodega/errors';
import { z } from 'zod';
import type { RagContext } from '../context';
import { contextOf } from '../jobs/pipeline';
import type { ChunkModel } from './chunks';
import { loadDocuments } from './document-model';
import { weighQuestion } from './evidence';
import { extract, support, type Candidate, type ScoredSentence } from './extractive';
import { locateQuote, unsupportedFigures } from './quotes';
import { searchChunks } from './search';

export interface CitationModel {
  /** An exact substring of `chunk.text`, checked. */
  quote: string;
  chunk: ChunkModel;
  documentId: string;
}

export interface AnswerModel {
  text: string;
  /** False when the documents do not support an answer: `text` then says so, with no citations. */
  grounded: boolean;
  citations: CitationModel[];
  /** How much of the question the best chunk covers (0..1), compared with the grounding threshold. */
  evidence: number;
  /** Who wrote the text: the model (quotes checked), the extractive answerer, or nobody (not grounded). */
  source: 'MODEL' | 'EXTRACTIVE' | 'NONE';
}

/** What an ungrounded answer says. */
export const NOT_COVERED =
  "The shop's documents do not cover this, so I can't answer it reliably. Try asking in other words, or contact customer service.";

export const answerArgs = z.object({
  question: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
});

export const ANSWER_TASK = 'rag-answer';

/**
 * `answer(question)`: from the chunks the caller may read. The best chunks are retrieved (hybrid);
 * if the best covers too little of the question (evidence under `groundingThreshold`), the answer
 * is not grounded. Otherwise a language model (OpenAI-compatible provider) answers in one
 * structured call that must quote the chunks, or, with the local provider or when the model fails,
 * the best sentences are quoted as they are. Every quote is checked to be an exact substring of
 * its chunk (others are dropped), and a model answer stating a figure no kept quote contains is
 * replaced by the extractive one.
 */
export async function answerQuestion(ctx: RagContext, args: unknown): Promise<AnswerModel> {
  const { question } = parseInput(answerArgs, args);
  const hits = await searchChunks(ctx, { query: question, first: ctx.settings.answerChunks });
  const documents = new Map((await loadDocuments(ctx, [...new Set(hits.map((hit) => hit.chunk.documentId))])).map((d) => [d.id, d]));
  const candidates: Candidate[] = hits.flatMap((hit) => {
    const document = documents.get(hit.chunk.documentId);
    return document ? [{ chunk: hit.chunk, context: contextOf(document.title, hit.chunk.headingPath) }] : [];
  });
  const weighed = await weighQuestion(ctx, question);
  const found = support(weighed, candidates);
  if (found.sources.length === 0 || found.evidence < ctx.settings.groundingThreshold) {
    ctx.log.info({ evidence: round(found.evidence), threshold: ctx.settings.groundingThreshold }, 'question not covered by the documents');
    return notCovered(found.evidence);
  }
  const extractive = extractiveAnswer(extract(weighed, found), found.evidence);
  if (ctx.ai.name === 'local') return extractive;
  try {
    return (await modelAnswer(ctx, question, candidates, found.evidence)) ?? extractive;
  } catch (error) {
    if (!isAiError(error)) throw error;
    ctx.log.warn({ kind: error.kind, reason: error.message }, 'model answer failed; answering with quotes');
    return extractive;
  }
}

function notCovered(evidence: number): AnswerModel {
  return { text: NOT_COVERED, grounded: false, citations: [], evidence, source: 'NONE' };
}

function extractiveAnswer(sentences: readonly ScoredSentence[], evidence: number): AnswerModel {
  if (sentences.length === 0) return notCovered(evidence);
  return {
    text: sentences.map((sentence) => sentence.text).join(' '),
    grounded: true,
    citations: sentences.map((sentence) => ({ quote: sentence.text, chunk: sentence.chunk, documentId: sentence.chunk.documentId })),
    evidence,
    source: 'EXTRACTIVE',
  };
}

const answerSchema = {
  name: 'grounded_answer',
  jsonSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['grounded', 'answer', 'citations'],
    properties: {
      grounded: { type: 'boolean', description: 'False when the excerpts do not answer the question.' },
      answer: { type: 'string', description: 'The answer, using only facts and figures from the quotes.' },
      citations: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['excerpt', 'quote'],
          properties: {
            excerpt: { type: 'integer', description: 'The number of the excerpt quoted.' },
            quote: { type: 'string', description: 'Words copied exactly from that excerpt.' },
          },
        },
      },
    },
  },
};

const SYSTEM = [
  "You answer a shop's customers using only the numbered excerpts from the shop's documents.",
  'Support every statement with a citation whose quote is copied word for word from one excerpt (a sentence or part of one).',
  'State no fact, number, price or time that is not in one of your quotes. Keep the answer short and plain.',
  'If the excerpts do not answer the question, set grounded to false, answer with an empty string and give no citations.',
].join(' ');

const modelReply = z.object({
  grounded: z.boolean(),
  answer: z.string(),
  citations: z.array(z.object({ excerpt: z.number().int(), quote: z.string() })),
});

async function modelAnswer(ctx: RagContext, question: string, candidates: readonly Candidate[], evidence: number): Promise<AnswerModel | null> {
  const excerpts = candidates.map((candidate, i) => `[${i + 1}] ${candidate.context}\n${candidate.chunk.text}`).join('\n\n');
  const raw = await ctx.ai.generate({
    task: ANSWER_TASK,
    system: SYSTEM,
    prompt: `Question: ${question}\n\nExcerpts:\n\n${excerpts}`,
    input: { question, excerpts: candidates.map((candidate) => ({ context: candidate.context, text: candidate.chunk.text })) },
    schema: answerSchema,
  });
  const reply = modelReply.safeParse(raw);
  if (!reply.success) {
    ctx.log.warn({ issue: reply.error.issues[0]?.message }, 'model answer did not follow the schema; answering with quotes');
    return null;
  }
  if (!reply.data.grounded) return notCovered(evidence);
  const citations: CitationModel[] = [];
  let dropped = 0;
  for (const citation of reply.data.citations) {
    const candidate = candidates[citation.excerpt - 1];
    const located = candidate ? locateQuote(candidate.chunk.text, citation.quote) : null;
    if (!candidate || !located) {
      dropped += 1;
      continue;
    }
    if (!citations.some((kept) => kept.chunk.id === candidate.chunk.id && kept.quote === located.quote)) {
      citations.push({ quote: located.quote, chunk: candidate.chunk, documentId: candidate.chunk.documentId });
    }
  }
  if (dropped > 0) ctx.log.warn({ dropped, kept: citations.length }, 'model quotes not found in their excerpts were dropped');
  if (citations.length === 0 || reply.data.answer.trim() === '') return null;
  const unsupported = unsupportedFigures(reply.data.answer, citations.map((citation) => citation.quote));
  if (unsupported.length > 0) {
    ctx.log.warn({ unsupported }, 'model answer states figures no quote contains; answering with quotes');
    return null;
  }
  return { text: reply.data.answer.trim(), grounded: true, citations, evidence, source: 'MODEL' };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
