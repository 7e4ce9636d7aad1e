/**
 * `npm run rag:eval`: retrieval (recall@1, recall@5, MRR, nDCG@5 for full text, vector and hybrid)
 * and answers (grounded and citing the right document; unanswerable questions not grounded) on the
 * labelled corpus in subgraphs/rag/eval, with the local provider, in a scratch database on the
 * Postgres server of DATABASE_URL (dropped afterwards).
 *
 *   npm run rag:eval [-- --misses] [-- --evidence] [-- FILE.json ...]
 *
 * Default sets: eval/questions.json (written with the pipeline) and eval/holdout-questions.json
 * (written after it was frozen), reported apart. --misses lists what each set got wrong; --evidence
 * prints every question's evidence, for calibrating the grounding threshold.
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalProvider } from '@bodega/ai';
import { createPrismaClient, migrate } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import { Client } from 'pg';
import { startRagRuntime } from '../runtime';
import { EVAL_DIR, readCorpus, readQuestionSet, type QuestionSet } from './corpus';
import { evaluateSet, ingestCorpus, MODES, type SetReport } from './evaluate';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const fixed = (value: number) => value.toFixed(3);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { misses: { type: 'boolean', default: false }, evidence: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const files = positionals.length
    ? positionals.map((file) => resolve(file))
    : [join(EVAL_DIR, 'questions.json'), join(EVAL_DIR, 'holdout-questions.json')].filter((file) => existsSync(file));
  const sets = await Promise.all(files.map((file) => readQuestionSet(file, basename(file))));
  const byCorpus = new Map<string, QuestionSet[]>();
  for (const set of sets) byCorpus.set(set.corpusFile, [...(byCorpus.get(set.corpusFile) ?? []), set]);

  const reports: SetReport[] = [];
  for (const [corpusFile, corpusSets] of byCorpus) reports.push(...(await evaluateCorpus(corpusFile, corpusSets)));

  for (const report of reports) {
    process.stdout.write(`\n${report.name} (${report.answerable} answerable, ${report.unanswerable} unanswerable)\n\n`);
    process.stdout.write('| leg | recall@1 | recall@5 | MRR | nDCG@5 |\n| --- | --- | --- | --- | --- |\n');
    for (const mode of MODES) {
      const scores = report.retrieval[mode];
      process.stdout.write(`| ${mode.toLowerCase().replace('_', ' ')} | ${fixed(scores.recallAt1)} | ${fixed(scores.recallAt5)} | ${fixed(scores.mrr)} | ${fixed(scores.ndcgAt5)} |\n`);
    }
    process.stdout.write(
      `\nanswers: ${report.groundedRight}/${report.answerable} answerable grounded and citing the right document (${percent(report.groundedRight / (report.answerable || 1))}); ` +
        `${report.unanswerableUngrounded}/${report.unanswerable} unanswerable not grounded (${percent(report.unanswerableUngrounded / (report.unanswerable || 1))})\n`,
    );
    if (values.misses) {
      for (const outcome of report.outcomes) {
        const retrievalMiss = outcome.expected !== null && outcome.ranks.HYBRID !== 1;
        const answerMiss = outcome.expected === null ? outcome.grounded : !(outcome.grounded && outcome.citedExpected);
        if (!retrievalMiss && !answerMiss) continue;
        process.stdout.write(
          `  - "${outcome.question}" expected ${outcome.expected ?? 'no answer'}; ranks ft=${outcome.ranks.FULL_TEXT} vec=${outcome.ranks.VECTOR} ` +
            `hyb=${outcome.ranks.HYBRID}; grounded=${outcome.grounded} evidence=${fixed(outcome.evidence)} cited=[${outcome.cited.join(', ')}]\n`,
        );
      }
    }
    if (values.evidence) {
      const sorted = [...report.outcomes].sort((a, b) => a.evidence - b.evidence);
      for (const outcome of sorted) process.stdout.write(`  ${fixed(outcome.evidence)} ${outcome.expected ? 'A' : 'U'} ${outcome.question}\n`);
    }
  }
}

/** One scratch database per corpus: migrated, the corpus ingested by the real worker, then the questions asked. */
async function evaluateCorpus(corpusFile: string, sets: readonly QuestionSet[]): Promise<SetReport[]> {
  const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `bodega_rag_eval_${randomBytes(4).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const log = createLogger('rag-eval', process.env.LOG_LEVEL ?? 'warn');
  const prisma = createPrismaClient(url.toString());
  const events = createEventBus({ log });
  try {
    await migrate(url.toString(), { log });
    const runtime = await startRagRuntime({ prisma, events, log, ai: createLocalProvider(), settings: { pollIntervalMs: 20, concurrency: 2 } });
    try {
      const ids = await ingestCorpus(runtime.context({ userId: 'eval', role: 'STAFF', tokenId: 'eval' }), await readCorpus(corpusFile));
      await runtime.worker!.idle();
      const customer = runtime.context({ userId: 'eval-customer', role: 'CUSTOMER', tokenId: 'eval' });
      const reports: SetReport[] = [];
      for (const set of sets) reports.push(await evaluateSet(customer, set, ids));
      return reports;
    } finally {
      await runtime.close();
    }
  } finally {
    await Promise.all([prisma.$disconnect(), events.close()]);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  createLogger('rag-eval').fatal({ err: error }, 'rag eval failed');
  process.exit(1);
});
