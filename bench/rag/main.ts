/**
 * The rag subgraph at the service level (no HTTP): ingest throughput through the real worker,
 * vector index rebuild time and the process's memory at 100,000 chunks, and vector and hybrid
 * search latency with 10 concurrent callers. Results and method: bench/README.md.
 *
 *   npx tsx bench/rag/main.ts [--chunks 100000] [--concurrency 10] [--queries 2000] [--ingest-documents 100]
 *
 * Drops and recreates its database (BENCH_DATABASE_URL, default bodega_bench_rag on 127.0.0.1:5432), no Redis.
 * The rag subgraph is not in the composition root yet, so its runtime is started here directly.
 */
import { loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { faker } from '@faker-js/faker';
import { createLocalProvider } from '@bodega/ai';
import { createPrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { startRagRuntime, ingestDocument, searchChunks, type RagContext } from '@bodega/rag';
import { prepareBenchDatabase } from '../lib/database';
import { benchOptions, count, databaseShape } from '../lib/options';
import { commandLine, machine, table, writeReport } from '../lib/report';
import { benchLogger, runBench } from '../lib/run';
import { bulkLoadChunks, shopParagraph } from './corpus';

/** The rag bench's options: `--chunks` / `BENCH_CHUNKS` and so on (bench/lib/options.ts). */
export const ragOptions = benchOptions({
  chunks: count(100_000, 100, 2_000_000).describe('chunks in the knowledge base when the index is rebuilt and searched'),
  concurrency: count(10, 1, 200).describe('concurrent search callers'),
  queries: count(2000, 10, 1_000_000).describe('searches per mode'),
  ingestDocuments: count(100, 1, 10_000).describe('Markdown documents of 20 sections ingested through the worker'),
  ...databaseShape('bodega_bench_rag'),
});

const options = ragOptions.parse(process.argv.slice(2), process.env);
const CHUNKS = options.chunks;
const CONCURRENCY = options.concurrency;
const QUERIES = options.queries;
const INGEST_DOCUMENTS = options.ingestDocuments;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const ms = (value: number) => value.toFixed(1);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function loadTest(ctx: RagContext, queries: readonly string[], mode: 'HYBRID' | 'VECTOR') {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < QUERIES) {
        const query = queries[next++ % queries.length]!;
        const at = performance.now();
        await searchChunks(ctx, { query, first: 10 }, mode);
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    mode,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? 0,
    perSecond: latencies.length / seconds,
    cpuMs: (used.user + used.system) / 1000 / latencies.length,
  };
}

async function main() {
  const log = benchLogger();
  await prepareBenchDatabase(options.databaseUrl, { products: 0, log });
  const prisma = createPrismaClient(options.databaseUrl, { maxConnections: 10 });
  const events = createEventBus({ log });
  const ai = createLocalProvider();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const results: Record<string, unknown> = {};
  try {
    out(`rag bench: ${CHUNKS} chunks, ${CONCURRENCY} concurrent callers, ${QUERIES} queries per mode; node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    // 1. Ingest throughput: documents of ~20 paragraphs through the real worker (chunk, embed, index, swap).
    faker.seed(1405);
    const runtime = await startRagRuntime({ prisma, events, log, ai, settings: { pollIntervalMs: 20 } });
    const staff = runtime.context({ userId: 'bench', role: 'STAFF', tokenId: 'bench' });
    const ingestStarted = performance.now();
    for (let i = 0; i < INGEST_DOCUMENTS; i++) {
      const content = Array.from({ length: 20 }, (_, j) => `## Part ${j + 1}\n\n${shopParagraph()} ${shopParagraph()}`).join('\n\n');
      await ingestDocument(staff, { title: `Manual ${i}`, content, mimeType: 'text/markdown' });
    }
    await runtime.worker!.idle();
    const ingestSeconds = (performance.now() - ingestStarted) / 1000;
    const ingested = await prisma.chunk.count();
    out(`ingest: ${INGEST_DOCUMENTS} documents, ${ingested} chunks in ${ingestSeconds.toFixed(1)} s = ${Math.round(ingested / ingestSeconds)} chunks/s (worker concurrency ${runtime.deps.settings.concurrency})`);
    results.ingest = { documents: INGEST_DOCUMENTS, chunks: ingested, seconds: ingestSeconds, chunksPerSecond: ingested / ingestSeconds };
    await runtime.close();

    // 2. Fill up to CHUNKS directly, then time a rebuild from Postgres in a fresh runtime.
    const loadStarted = performance.now();
    await bulkLoadChunks(prisma, Math.max(0, CHUNKS - ingested), 50, ai.embeddingModel);
    out(`bulk load: ${CHUNKS - ingested} more chunks in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
    const rssBefore = process.memoryUsage().rss;
    const buildStarted = performance.now();
    const buildCpu = process.cpuUsage();
    const served = await startRagRuntime({ prisma, events, log, ai, worker: false });
    const buildSeconds = (performance.now() - buildStarted) / 1000;
    const buildUsed = process.cpuUsage(buildCpu);
    global.gc?.();
    const memory = process.memoryUsage();
    out(
      `index rebuild from Postgres: ${served.index.size} vectors in ${buildSeconds.toFixed(1)} s (goal ≤ 60 s), ` +
        `of which reading Postgres ${((served.index.lastBuild?.readMs ?? 0) / 1000).toFixed(1)} s; this process's CPU ${((buildUsed.user + buildUsed.system) / 1e6).toFixed(1)} s`,
    );
    results.rebuild = { vectors: served.index.size, seconds: buildSeconds, readSeconds: (served.index.lastBuild?.readMs ?? 0) / 1000, cpuSeconds: (buildUsed.user + buildUsed.system) / 1e6, rssMiB: mib(memory.rss), rssGrowthMiB: mib(memory.rss - rssBefore) };
    out(`memory after the build: RSS ${mib(memory.rss)} MiB (${mib(memory.rss - rssBefore)} MiB more than before it), heap ${mib(memory.heapUsed)} MiB`);

    // 3. Search latency at CONCURRENCY callers, customer's view (PUBLIC only), questions from the eval sets.
    const evalDir = join(__dirname, '..', '..', 'subgraphs', 'rag', 'eval');
    const questions = (JSON.parse(await readFile(join(evalDir, 'questions.json'), 'utf8')) as { questions: Array<{ question: string }> }).questions.map((q) => q.question);
    const customer = served.context({ userId: 'bench-customer', role: 'CUSTOMER', tokenId: 'bench' });
    // Warm-up: every question once, so the lexeme counts are cached as in a process that has been serving (cold: below).
    const coldStarted = performance.now();
    for (const question of questions) await searchChunks(customer, { query: question });
    out(`cold: the ${questions.length} questions once each, one at a time, ${((performance.now() - coldStarted) / questions.length).toFixed(1)} ms each on average`);
    const searches = [];
    for (const mode of ['VECTOR', 'HYBRID'] as const) searches.push(await loadTest(customer, questions, mode));
    results.search = searches;
    const rows = searches.map((r) => [r.mode.toLowerCase(), ms(r.p50), ms(r.p99), ms(r.max), String(Math.round(r.perSecond)), r.cpuMs.toFixed(2)]);
    await writeReport('rag', { bench: 'rag', command: commandLine('bench/rag/main.ts'), machine: machine(), loadAverage: loadavg(), options: { ...options, databaseUrl: undefined }, results }, [
      table(['search', 'p50 ms', 'p99 ms', 'max ms', 'searches/s', 'rag CPU ms / search'], rows),
      `RSS at the end: ${mib(process.memoryUsage().rss)} MiB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    ]);
    await served.close();
  } finally {
    await Promise.all([prisma.$disconnect(), events.close()]);
  }
}

runBench(main);
