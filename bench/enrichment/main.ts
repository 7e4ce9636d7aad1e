/**
 * What AI enrichment adds to the contract's CreateProduct, end to end through Bodega's gateway,
 * one request at a time. The "model" is a local OpenAI-compatible server (the tests' fake) that
 * answers after a fixed delay, so its own time is known exactly and can be taken out.
 *
 *   npx tsx bench/enrichment.ts [--requests 200] [--warmup 30] [--provider-ms 300]
 *
 * Scenarios, each `--warmup` unmeasured requests, then `--requests` measured ones:
 * - manual: the manager gives description and category, nothing is generated (the baseline);
 * - local: the local provider writes both (no API key);
 * - openai-miss: a new product each time, so every request asks the model (through the `openai` SDK);
 * - openai-hit: the same product each time, answered from the cache (Redis).
 *
 * Enrichment overhead beyond the provider = p50(openai-miss) − p50(manual) − the fake server's
 * own median time per answer. Writes bench/results/enrichment.json. See bench/README.md.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { readEnv, z } from '@bodega/config';
import { createLogger } from '@bodega/logger';
import { replies, startFakeOpenAi } from '@bodega/testing/fake-openai';
import { freshStaffAuthorization } from './support/auth';
import { startBenchChild } from './support/child';
import { contractOperation } from './support/contract';
import { prepareBenchDatabase } from './support/database';
import { parseEnrichmentReady } from './support/enrichment-protocol';
import { sampleMachineBusy } from './support/load';
import { assertBenchDatabase, withFlags } from './support/options';
import { machine } from './support/report';

const RESULTS_FILE = join(__dirname, 'results', 'enrichment.json');
const LABELLED_FILE = join(__dirname, '..', 'packages', 'ai', 'data', 'labelled-products.json');
const SERVERS_ENTRY = join(__dirname, 'support', 'enrichment-servers.ts');
const GOALS = { overheadMs: 50, cacheHitMs: 30 };
const BUSY_MACHINE_PERCENT = 30;

const FLAGS = { requests: 'BENCH_REQUESTS', warmup: 'BENCH_WARMUP', 'provider-ms': 'BENCH_PROVIDER_MS' } as const;
const shape = {
  BENCH_REQUESTS: z.coerce.number().int().min(10).max(10_000).default(200),
  BENCH_WARMUP: z.coerce.number().int().min(0).max(1_000).default(30),
  /** How long the fake model takes to answer. */
  BENCH_PROVIDER_MS: z.coerce.number().int().min(0).max(30_000).default(300),
  BENCH_DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/bodega_bench_enrichment'),
  /** The answer cache; "none" for the in-memory LRU (as without REDIS_URL). */
  BENCH_REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
};

type ScenarioName = 'manual' | 'local' | 'openai-miss' | 'openai-hit';

interface ScenarioResult {
  scenario: ScenarioName;
  requests: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  /** Chat requests the fake model received during the measured requests. */
  modelCalls: number;
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  const options = readEnv(shape, withFlags(process.argv.slice(2), process.env, FLAGS));
  assertBenchDatabase(options.BENCH_DATABASE_URL);
  const redisUrl = options.BENCH_REDIS_URL === 'none' ? undefined : options.BENCH_REDIS_URL;
  const log = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  const startedAt = new Date().toISOString();
  const run = randomBytes(3).toString('hex');
  const labelled = JSON.parse(await readFile(LABELLED_FILE, 'utf8')) as Array<{ name: string; keywords: string[] }>;

  progress(`Preparing ${new URL(options.BENCH_DATABASE_URL).pathname.slice(1)}…`);
  await prepareBenchDatabase(options.BENCH_DATABASE_URL, { products: 0, log });

  const fake = await startFakeOpenAi();
  fake.setFallback(replies.delayed(options.BENCH_PROVIDER_MS));
  progress('Starting the servers in a child process…');
  const servers = await startBenchChild({
    entry: SERVERS_ENTRY,
    label: 'enrichment servers',
    env: {
      BENCH_DATABASE_URL: options.BENCH_DATABASE_URL,
      BENCH_OPENAI_URL: fake.url,
      ...(redisUrl ? { BENCH_REDIS_URL: redisUrl } : {}),
    },
    parseReady: parseEnrichmentReady,
  });
  const interrupted = () => void servers.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);

  try {
    const authorization = await freshStaffAuthorization();
    const backgroundCpuPercent = await sampleMachineBusy(2000);
    if (backgroundCpuPercent > BUSY_MACHINE_PERCENT) {
      progress(`Warning: the machine was ${Math.round(backgroundCpuPercent)}% busy (of ${availableParallelism() * 100}%) before any load; numbers will be noisy.`);
    }
    const product = (i: number) => labelled[i % labelled.length]!;
    const unique = (prefix: string) => (i: number) => ({ name: `${product(i).name} #${run}-${prefix}${i}`, keywords: product(i).keywords, stock: 5 });
    const scenarios: Array<{ name: ScenarioName; url: string; input: (i: number) => Record<string, unknown>; expect: string }> = [
      {
        name: 'manual',
        url: servers.ready.urls.openai,
        input: (i) => ({ ...unique('m')(i), description: 'Written by the manager.', categoryId: '4434' }),
        expect: '"enrichment":{"status":"SKIPPED","source":"MANUAL"}',
      },
      { name: 'local', url: servers.ready.urls.local, input: unique('l'), expect: '"source":"LOCAL"' },
      { name: 'openai-miss', url: servers.ready.urls.openai, input: unique('o'), expect: '"enrichment":{"status":"COMPLETE","source":"OPENAI"}' },
      {
        name: 'openai-hit',
        url: servers.ready.urls.openai,
        input: () => ({ name: `${product(0).name} #${run}-hit`, keywords: product(0).keywords, stock: 5 }),
        expect: '"enrichment":{"status":"COMPLETE","source":"OPENAI"}',
      },
    ];

    const results: ScenarioResult[] = [];
    let providerMs: number[] = [];
    for (const scenario of scenarios) {
      progress(`${scenario.name}: ${options.BENCH_WARMUP} warm-up requests, then ${options.BENCH_REQUESTS} measured, one at a time…`);
      let counter = 0;
      const next = () => scenario.input(counter++);
      if (options.BENCH_WARMUP > 0) await fire(scenario.url, authorization, next, scenario.expect, options.BENCH_WARMUP);
      const before = fake.chatRequests().length;
      const result = await fire(scenario.url, authorization, next, scenario.expect, options.BENCH_REQUESTS);
      const calls = fake.chatRequests().slice(before);
      if (scenario.name === 'openai-miss') providerMs = calls.map((call) => (call.answeredAt ?? call.at) - call.at);
      results.push({
        scenario: scenario.name,
        requests: result.requests.total,
        latencyMs: {
          mean: round(result.latency.average),
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        errors: result.errors + result.mismatches + result.non2xx,
        modelCalls: calls.length,
      });
    }

    const by = (name: ScenarioName) => results.find((r) => r.scenario === name)!;
    const providerP50 = round(median(providerMs));
    const derived = {
      providerMsP50: providerP50,
      overheadMsP50: round(by('openai-miss').latencyMs.p50 - by('manual').latencyMs.p50 - providerP50),
      localCostMsP50: round(by('local').latencyMs.p50 - by('manual').latencyMs.p50),
      cacheHitMsP50: by('openai-hit').latencyMs.p50,
      cacheHitMsP99: by('openai-hit').latencyMs.p99,
    };
    const report = {
      bench: 'enrichment',
      startedAt,
      command: ['npx tsx bench/enrichment.ts', ...process.argv.slice(2)].join(' '),
      machine: machine(),
      backgroundCpuPercent,
      options: { requests: options.BENCH_REQUESTS, warmup: options.BENCH_WARMUP, providerMs: options.BENCH_PROVIDER_MS, cache: redisUrl ? 'redis' : 'memory' },
      results,
      derived,
    };
    await mkdir(dirname(RESULTS_FILE), { recursive: true });
    await writeFile(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);

    const m = report.machine;
    const verdict = (value: number, goal: number) => `${value} ms (goal ≤ ${goal} ms: ${value <= goal ? 'met' : 'missed'})`;
    process.stdout.write(
      [
        '',
        `${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}; one request at a time; fake model answers after ${options.BENCH_PROVIDER_MS} ms; ` +
          `cache in ${report.options.cache}; machine ${Math.round(backgroundCpuPercent)}% busy before the load`,
        '',
        '| Scenario | Requests | mean | p50 | p90 | p99 | max | Model calls | Errors |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...results.map(
          (r) =>
            `| ${r.scenario} | ${r.requests} | ${r.latencyMs.mean} ms | ${r.latencyMs.p50} ms | ${r.latencyMs.p90} ms | ${r.latencyMs.p99} ms | ${r.latencyMs.max} ms | ${r.modelCalls} | ${r.errors} |`,
        ),
        '',
        `- Fake model's own time per answer (p50): ${derived.providerMsP50} ms`,
        `- Enrichment overhead beyond the provider (p50 openai-miss − p50 manual − model time): ${verdict(derived.overheadMsP50, GOALS.overheadMs)}`,
        `- Local provider, both fields (p50 local − p50 manual): ${derived.localCostMsP50} ms`,
        `- Cache hit, end to end: p50 ${verdict(derived.cacheHitMsP50, GOALS.cacheHitMs)}; p99 ${derived.cacheHitMsP99} ms`,
        '',
        `Wrote ${RESULTS_FILE}`,
        '',
      ].join('\n'),
    );
    const failed = results.filter((r) => r.errors > 0 || (r.scenario === 'openai-hit' ? r.modelCalls !== 0 : false));
    if (failed.length) {
      progress(`Errors, or model calls on cache hits, in: ${failed.map((r) => r.scenario).join(', ')}.`);
      process.exitCode = 1;
    }
  } finally {
    process.off('SIGINT', interrupted);
    await servers.stop();
    await fake.close();
  }
}

/** `amount` CreateProduct requests over one connection, each with the next input; bodies checked. */
function fire(url: string, authorization: string, next: () => Record<string, unknown>, expected: string, amount: number): Promise<autocannon.Result> {
  const query = contractOperation('CreateProduct');
  return autocannon({
    url,
    connections: 1,
    amount,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path: new URL(url).pathname,
        headers: { 'content-type': 'application/json', authorization },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ operationName: 'CreateProduct', query, variables: { input: next() } }) }),
      },
    ],
    verifyBody: (body) => typeof body === 'string' && body.includes('"createProduct":{') && body.includes(expected) && !body.includes('"errors":'),
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number) => Math.round(value * 10) / 10;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

