import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const EVAL_DIR = join(__dirname, '..', '..', 'eval');

const corpusFile = z.object({
  documents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      file: z.string(),
      mimeType: z.string(),
      visibility: z.enum(['PUBLIC', 'INTERNAL']).optional(),
    }),
  ),
});

const questionsFile = z.object({
  /** Another corpus (relative to this file) the questions are about; default: eval/corpus.json. */
  corpus: z.string().optional(),
  questions: z.array(
    z.object({
      question: z.string(),
      /** The document that answers it, several when each does, null when none does. */
      document: z.union([z.string(), z.array(z.string()).min(1)]).nullable(),
    }),
  ),
});

export interface EvalDocument {
  id: string;
  title: string;
  content: string;
  mimeType: string;
  visibility: 'PUBLIC' | 'INTERNAL';
}

export interface QuestionSet {
  name: string;
  corpusFile: string;
  questions: Array<{ question: string; documents: string[] }>;
}

export async function readCorpus(file: string): Promise<EvalDocument[]> {
  const parsed = corpusFile.parse(JSON.parse(await readFile(file, 'utf8')));
  return Promise.all(
    parsed.documents.map(async (document) => ({
      id: document.id,
      title: document.title,
      mimeType: document.mimeType,
      visibility: document.visibility ?? 'PUBLIC',
      content: await readFile(join(dirname(file), document.file), 'utf8'),
    })),
  );
}

export async function readQuestionSet(file: string, name: string): Promise<QuestionSet> {
  const parsed = questionsFile.parse(JSON.parse(await readFile(file, 'utf8')));
  return {
    name,
    corpusFile: parsed.corpus ? join(dirname(file), parsed.corpus) : join(EVAL_DIR, 'corpus.json'),
    questions: parsed.questions.map((q) => ({ question: q.question, documents: q.document === null ? [] : [q.document].flat() })),
  };
}
