import { join } from 'node:path';
import { EVAL_DIR, readCorpus, readQuestionSet } from '../src/eval/corpus';
import { evaluateSet, ingestCorpus } from '../src/eval/evaluate';
import { startRagHarness, type RagHarness } from './support';

// Keeps the development set where `npm run rag:eval` put it (bench/README.md has the full table).
describe('retrieval and answers on the labelled corpus', () => {
  let h: RagHarness;
  beforeAll(async () => void (h = await startRagHarness()));
  afterAll(() => h.close());

  it('finds the answering document in the top 5 and grounds answers only when the documents cover the question', async () => {
    const ids = await ingestCorpus(h.staff, await readCorpus(join(EVAL_DIR, 'corpus.json')));
    await h.runtime.worker!.idle();
    const report = await evaluateSet(h.customer, await readQuestionSet(join(EVAL_DIR, 'questions.json'), 'dev'), ids);
    const { HYBRID, FULL_TEXT, VECTOR } = report.retrieval;
    expect(HYBRID.recallAt5).toBeGreaterThanOrEqual(0.95);
    expect(HYBRID.mrr).toBeGreaterThanOrEqual(0.85);
    for (const leg of [FULL_TEXT, VECTOR]) {
      expect(HYBRID.recallAt5).toBeGreaterThanOrEqual(leg.recallAt5);
      expect(HYBRID.mrr).toBeGreaterThan(leg.mrr);
    }
    expect(report.unanswerableUngrounded).toBe(report.unanswerable);
    expect(report.groundedRight / report.answerable).toBeGreaterThanOrEqual(0.85);
  }, 60_000);
});
