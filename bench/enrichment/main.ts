/**
 * What AI enrichment adds to the contract's CreateProduct, end to end through Bodega's gateway,
 * one request at a time. The "model" is a local OpenAI-compatible server (the tests' fake) that
 * answers after a fixed delay, so its own time is known exactly and can be taken out.
 *
 *   npx tsx bench/enrichment/main.ts [--requests 200] [--warmup 30] [--provider-ms 300]
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
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { replies, startFakeOpenAi } from '@bodega/testing/fake-openai';
import { freshStaffAuthorization } from '../lib/auth';
import { startBenchChild } from '../lib/child';
import { contractOperation } from '../lib/contract';
import { prepareBenchDatabase } from '../lib/database';
import { sampleMachineBusy } from '../lib/machine';
import { commandLine, goalsTable, machine, writeReport } from '../lib/report';
import { benchLogger, progress, runBench } from '../lib/run';
import { enrichmentOptions } from './options';
import { derive, derivedLines, failedScenarios, goals, latencyTable, type ScenarioName, type ScenarioResult } from './report';

const LABELLED_FILE = join(__dirname, '..', '..', 'packages', 'ai', 'data', 'labelled-products.json');
const SERVERS_ENTRY = join(__dirname, 'servers.ts');
const BUSY_MACHINE_PERCENT = 30;

async function main(): Promise<void> {
  const options = enrichmentOptions.parse(process.argv.slice(2), process.env);
  const redisUrl = options.redisUrl === 'none' ? undefined : options.redisUrl;
  const log = benchLogger();
  const startedAt = new Date().toISOString();
  const run = randomBytes(3).toString('hex');
  const labelled = JSON.parse(await readFile(LABELLED_FILE, 'utf8')) as Array<{ name: string; keywords: string[] }>;

  progress(`Preparing ${new URL(options.databaseUrl).pathname.slice(1)}…`);
  await prepareBenchDatabase(options.databaseUrl, { products: 0, log });

  const fake = await startFakeOpenAi();
  fake.setFallback(replies.delayed(options.providerMs));
  progress('Starting the servers in a child process…');
  const servers = await startBenchChild({
    entry: SERVERS_ENTRY,
    label: 'enrichment servers',
    env: {
      BENCH_DATABASE_URL: options.databaseUrl,
      BENCH_OPENAI_URL: fake.url,
      ...(redisUrl ? { BENCH_REDIS_URL: redisUrl } : {}),
    },
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
        url: servers.url('openai'),
        input: (i) => ({ ...unique('m')(i), description: 'Written by the manager.', categoryId: '4434' }),
        expect: '"enrichment":{"status":"SKIPPED","source":"MANUAL"}',
      },
      { name: 'local', url: servers.url('local'), input: unique('l'), expect: '"source":"LOCAL"' },
      { name: 'openai-miss', url: servers.url('openai'), input: unique('o'), expect: '"enrichment":{"status":"COMPLETE","source":"OPENAI"}' },
      {
        name: 'openai-hit',
        url: servers.url('openai'),
        input: () => ({ name: `${product(0).name} #${run}-hit`, keywords: product(0).keywords, stock: 5 }),
        expect: '"enrichment":{"status":"COMPLETE","source":"OPENAI"}',
      },
    ];

    const results: ScenarioResult[] = [];
    let providerMs: number[] = [];
    for (const scenario of scenarios) {
      progress(`${scenario.name}: ${options.warmup} warm-up requests, then ${options.requests} measured, one at a time…`);
      let counter = 0;
      const next = () => scenario.input(counter++);
      if (options.warmup > 0) await fire(scenario.url, authorization, next, scenario.expect, options.warmup);
      const before = fake.chatRequests().length;
      const result = await fire(scenario.url, authorization, next, scenario.expect, options.requests);
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

    const derived = derive(results, providerMs);
    const report = {
      bench: 'enrichment',
      startedAt,
      command: commandLine('bench/enrichment/main.ts'),
      machine: machine(),
      backgroundCpuPercent,
      options: { requests: options.requests, warmup: options.warmup, providerMs: options.providerMs, cache: redisUrl ? 'redis' : 'memory' },
      results,
      derived,
      goals: goals(derived),
    };
    const m = report.machine;
    await writeReport('enrichment', report, [
      `\n${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}; one request at a time; fake model answers after ${options.providerMs} ms; ` +
        `cache in ${report.options.cache}; machine ${Math.round(backgroundCpuPercent)}% busy before the load`,
      latencyTable(results),
      derivedLines(derived),
      goalsTable(report.goals),
    ]);
    const failed = failedScenarios(results);
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

const round = (value: number) => Math.round(value * 10) / 10;

runBench(main);

