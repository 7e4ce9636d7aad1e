/**
 * The contract's `Products` query (first page of 20) under load, three ways against the
 * same products subgraph: directly, through Bodega's gateway and through a stock
 * @apollo/gateway. Prints a markdown table and writes bench/results/products-query.json.
 *
 *   npx tsx bench/products-query/main.ts [--duration 10] [--warmup 2] [--prime 5] [--rounds 1]
 *     [--connections 20] [--products 200] [--scenarios direct,bodega,stock] [--cpu-prof-dir DIR]
 *
 * See bench/README.md for what the numbers mean.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { startBenchChild, type BenchChild } from '../lib/child';
import { prepareBenchDatabase } from '../lib/database';
import { sampleMachineBusy } from '../lib/machine';
import { commandLine, machine, writeReport } from '../lib/report';
import { benchLogger, progress, runBench } from '../lib/run';
import { measure, prime, verifyTarget } from './load';
import { productsQueryOptions } from './options';
import { cpuTable, failedScenarios, markdownTable, SCENARIO_LABELS, summarise, type BenchReport, type ScenarioResult } from './report';

const SERVERS_ENTRY = join(__dirname, 'servers.ts');
const BACKGROUND_SAMPLE_MS = 2000;
/** Whole-machine CPU, in % of one core, above which the run warns that something else is competing. */
const BUSY_MACHINE_PERCENT = 30;

async function main(): Promise<void> {
  const options = productsQueryOptions.parse(process.argv.slice(2), process.env);
  const log = benchLogger();
  const startedAt = new Date().toISOString();

  progress(`Preparing ${new URL(options.databaseUrl).pathname.slice(1)} with ${options.products} products…`);
  const seeded = await prepareBenchDatabase(options.databaseUrl, { products: options.products, log });

  progress('Starting the servers in a child process…');
  let servers: BenchChild | undefined;
  const interrupted = () => {
    void (servers ? servers.stop() : Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  try {
    servers = await startBenchChild({
      entry: SERVERS_ENTRY,
      label: 'bench server',
      env: { BENCH_DATABASE_URL: options.databaseUrl },
      cpuProfDir: options.cpuProfDir,
    });

    // Every scenario must return exactly what the subgraph returns before its speed counts.
    let reference: unknown;
    for (const scenario of options.scenarios) {
      const data = await verifyTarget(servers.url(scenario));
      if (reference === undefined) reference = data;
      else if (!isDeepStrictEqual(reference, data)) throw new Error(`${scenario} returned different data from ${options.scenarios[0]}.`);
    }

    const backgroundCpuPercent = await sampleMachineBusy(BACKGROUND_SAMPLE_MS);
    if (backgroundCpuPercent > BUSY_MACHINE_PERCENT) {
      progress(
        `Warning: the machine was ${Math.round(backgroundCpuPercent)}% busy (of ${availableParallelism() * 100}%) before any load; ` +
          'something else is running and the numbers will be lower and noisier. --rounds 3 takes medians.',
      );
    }

    if (options.prime > 0) {
      progress(`Priming every scenario for ${options.prime} s (not measured)…`);
      for (const scenario of options.scenarios) await prime(servers.url(scenario), options.connections, options.prime);
    }

    const rounds: ScenarioResult[][] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const results: ScenarioResult[] = [];
      for (const scenario of rotate(options.scenarios, round - 1)) {
        progress(
          `${options.rounds > 1 ? `[round ${round}/${options.rounds}] ` : ''}${SCENARIO_LABELS[scenario]}: ` +
            `${options.warmup} s warm-up, ${options.duration} s measured, ${options.connections} connections…`,
        );
        const url = servers.url(scenario);
        results.push({ scenario, url, ...(await measure(url, options, servers.stats)) });
      }
      rounds.push(results);
    }
    const summary = summarise(rounds);

    const { databaseUrl: _url, ...shown } = options;
    const report: BenchReport = {
      bench: 'products-query',
      startedAt,
      command: commandLine('bench/products-query/main.ts'),
      machine: machine(),
      backgroundCpuPercent,
      options: shown,
      seeded,
      summary,
      rounds,
    };
    const m = report.machine;
    await writeReport('products-query', report, [
      `\n${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}; ${options.connections} connections, ` +
        `${options.duration} s per scenario after ${options.warmup} s warm-up (${options.prime} s priming first)` +
        `${options.rounds > 1 ? `, median of ${options.rounds} rounds` : ''}; ` +
        `machine ${Math.round(backgroundCpuPercent)}% busy before the load`,
      markdownTable(summary),
      `CPU in % of one core (the machine has ${m.cpus * 100}%):`,
      cpuTable(summary),
    ]);
    const failed = failedScenarios(summary);
    if (failed.length) {
      progress(`Errors under load in: ${failed.map((result) => result.scenario).join(', ')}.`);
      process.exitCode = 1;
    }
  } finally {
    process.off('SIGINT', interrupted);
    await servers?.stop();
  }
}

/** The list started `by` places later, wrapping round. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const start = items.length ? by % items.length : 0;
  return [...items.slice(start), ...items.slice(0, start)];
}

runBench(main);
