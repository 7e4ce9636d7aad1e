/**
 * The contract's `Products` query (first page of 20) under load, three ways against the
 * same products subgraph: directly, through Bodega's gateway and through a stock
 * @apollo/gateway. Prints a markdown table and writes bench/results/products-query.json.
 *
 *   npx tsx bench/products-query.ts [--duration 10] [--warmup 2] [--prime 5] [--rounds 1]
 *     [--connections 20] [--products 200] [--scenarios direct,bodega,stock] [--cpu-prof-dir DIR]
 *
 * See bench/README.md for what the numbers mean.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createLogger } from '@bodega/logger';
import { startServerProcess, type ServerProcess } from './support/child';
import { prepareBenchDatabase } from './support/database';
import { measure, prime, sampleMachineBusy, verifyTarget } from './support/load';
import { readBenchOptions } from './support/options';
import { cpuTable, machine, markdownTable, SCENARIO_LABELS, summarise, type BenchReport, type ScenarioResult } from './support/report';

const RESULTS_FILE = join(__dirname, 'results', 'products-query.json');
const BACKGROUND_SAMPLE_MS = 2000;
/** Whole-machine CPU, in % of one core, above which the run warns that something else is competing. */
const BUSY_MACHINE_PERCENT = 30;

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  const options = readBenchOptions(process.argv.slice(2), process.env);
  const log = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  const startedAt = new Date().toISOString();

  progress(`Preparing ${new URL(options.databaseUrl).pathname.slice(1)} with ${options.products} products…`);
  const seeded = await prepareBenchDatabase(options.databaseUrl, { products: options.products, log });

  progress('Starting the servers in a child process…');
  let servers: ServerProcess | undefined;
  const interrupted = () => {
    void (servers ? servers.stop() : Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  try {
    servers = await startServerProcess({ databaseUrl: options.databaseUrl, cpuProfDir: options.cpuProfDir });

    // Every scenario must return exactly what the subgraph returns before its speed counts.
    let reference: unknown;
    for (const scenario of options.scenarios) {
      const data = await verifyTarget(servers.urls[scenario]);
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

    if (options.primeSeconds > 0) {
      progress(`Priming every scenario for ${options.primeSeconds} s (not measured)…`);
      for (const scenario of options.scenarios) await prime(servers.urls[scenario], options.connections, options.primeSeconds);
    }

    const rounds: ScenarioResult[][] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const results: ScenarioResult[] = [];
      for (const scenario of rotate(options.scenarios, round - 1)) {
        progress(
          `${options.rounds > 1 ? `[round ${round}/${options.rounds}] ` : ''}${SCENARIO_LABELS[scenario]}: ` +
            `${options.warmupSeconds} s warm-up, ${options.durationSeconds} s measured, ${options.connections} connections…`,
        );
        const url = servers.urls[scenario];
        results.push({ scenario, url, ...(await measure(url, options, servers.usage)) });
      }
      rounds.push(results);
    }
    const summary = summarise(rounds);

    const { databaseUrl: _url, ...shown } = options;
    const report: BenchReport = {
      bench: 'products-query',
      startedAt,
      command: ['npx tsx bench/products-query.ts', ...process.argv.slice(2)].join(' '),
      machine: machine(),
      backgroundCpuPercent,
      options: shown,
      seeded,
      summary,
      rounds,
    };
    await mkdir(dirname(RESULTS_FILE), { recursive: true });
    await writeFile(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);

    const m = report.machine;
    process.stdout.write(
      `\n${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}; ${options.connections} connections, ` +
        `${options.durationSeconds} s per scenario after ${options.warmupSeconds} s warm-up (${options.primeSeconds} s priming first)` +
        `${options.rounds > 1 ? `, median of ${options.rounds} rounds` : ''}; ` +
        `machine ${Math.round(backgroundCpuPercent)}% busy before the load\n\n` +
        `${markdownTable(summary)}\n\nCPU in % of one core (the machine has ${m.cpus * 100}%):\n\n` +
        `${cpuTable(summary)}\n\nWrote ${RESULTS_FILE}\n`,
    );
    const failed = summary.filter((result) => result.errors + result.graphqlErrors + result.non2xx > 0);
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

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
