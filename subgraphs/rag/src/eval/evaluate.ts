import type { RagContext } from '../context';
import { answerQuestion } from '../services/answer';
import { ingestDocument } from '../services/documents';
import { searchChunks, type SearchMode } from '../services/search';
import type { EvalDocument, QuestionSet } from './corpus';
import { retrievalScores, type RetrievalScores } from './metrics';

export const MODES: SearchMode[] = ['FULL_TEXT', 'VECTOR', 'HYBRID'];

export interface QuestionOutcome {
  question: string;
  expected: string | null;
  /** Rank of the expected document's first chunk, per mode (null: not in the first 10). */
  ranks: Record<SearchMode, number | null>;
  grounded: boolean;
  evidence: number;
  citedExpected: boolean;
  cited: string[];
  answer: string;
}

export interface SetReport {
  name: string;
  retrieval: Record<SearchMode, RetrievalScores>;
  answerable: number;
  /** Answerable questions answered grounded and citing the expected document. */
  groundedRight: number;
  unanswerable: number;
  unanswerableUngrounded: number;
  outcomes: QuestionOutcome[];
}

/** Ingests a corpus as staff and returns the document id of each corpus id. */
export async function ingestCorpus(staff: RagContext, documents: readonly EvalDocument[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const document of documents) {
    const ingested = await ingestDocument(staff, {
      title: document.title,
      content: document.content,
      mimeType: document.mimeType,
      visibility: document.visibility,
    });
    ids.set(document.id, ingested.id);
  }
  return ids;
}

/** Asks every question of a set as `asker` (a customer): search in each mode, then answer. */
export async function evaluateSet(asker: RagContext, set: QuestionSet, ids: ReadonlyMap<string, string>): Promise<SetReport> {
  const outcomes: QuestionOutcome[] = [];
  for (const { question, documents } of set.questions) {
    const expectedIds = documents.map((document) => {
      const id = ids.get(document);
      if (!id) throw new Error(`"${question}" expects document "${document}", which is not in the corpus.`);
      return id;
    });
    const ranks = {} as Record<SearchMode, number | null>;
    for (const mode of MODES) {
      const hits = await searchChunks(asker, { query: question, first: 10 }, mode);
      const index = hits.findIndex((hit) => expectedIds.includes(hit.chunk.documentId));
      ranks[mode] = index >= 0 ? index + 1 : null;
    }
    const answer = await answerQuestion(asker, { question });
    const cited = [...new Set(answer.citations.map((citation) => citation.documentId))];
    const byId = new Map([...ids].map(([corpusId, id]) => [id, corpusId]));
    outcomes.push({
      question,
      expected: documents.length ? documents.join(' or ') : null,
      ranks,
      grounded: answer.grounded,
      evidence: answer.evidence,
      citedExpected: cited.some((id) => expectedIds.includes(id)),
      cited: cited.map((id) => byId.get(id) ?? id),
      answer: answer.text,
    });
  }
  const answerable = outcomes.filter((outcome) => outcome.expected !== null);
  const unanswerable = outcomes.filter((outcome) => outcome.expected === null);
  const retrieval = Object.fromEntries(MODES.map((mode) => [mode, retrievalScores(answerable.map((outcome) => outcome.ranks[mode]))])) as Record<
    SearchMode,
    RetrievalScores
  >;
  return {
    name: set.name,
    retrieval,
    answerable: answerable.length,
    groundedRight: answerable.filter((outcome) => outcome.grounded && outcome.citedExpected).length,
    unanswerable: unanswerable.length,
    unanswerableUngrounded: unanswerable.filter((outcome) => !outcome.grounded).length,
    outcomes,
  };
}
