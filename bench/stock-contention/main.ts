/**
 * Contention on one product through the gateway: autocannon's connections all sell (the
 * contract's SellProduct, as STAFF) or all order (PlaceOrder, as many customers) the same
 * product, with plenty of stock and with stock that runs out. Every answer is compared with
 * what Postgres committed, so the run proves zero oversell as well as measuring sells/s and
 * orders/s. Prints markdown tables and writes bench/results/stock-contention.json.
 *
 *   npx tsx bench/stock-contention/main.ts [--scenarios sell,sell-runs-out,order,order-runs-out] [--duration 10]
 *     [--warmup 2] [--connections 20] [--sell-runs-out-stock 3000] [--order-runs-out-stock 100] [--customers 200]
 *     [--pool 10] [--cpu-prof-dir DIR]
 *
 * See bench/README.md ("Stock contention") for what the numbers mean.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freshStaffAuthorization } from '../lib/auth';
import { BenchChildren, type BenchChild } from '../lib/child';
import { createCustomers, createStaff, customerAuthorizations, type BenchCustomer } from '../lib/customers';
import { prepareBenchDatabase } from '../lib/database';
import { DbActivitySampler } from '../lib/db-activity';
import { machineTimes, sampleMachineBusy } from '../lib/machine';
import type { StatsReply } from '../lib/messages';
import { commandLine, goalsTable, machine, writeReport } from '../lib/report';
import { BENCH_STOCK, SaleProducts } from '../lib/sales';
import { benchLogger, progress, runBench } from '../lib/run';
import { orderChecks, sellChecks, type StockMovement } from './checks';
import { StockLedger } from './ledger';
import { runExactLoad, type ExactLoadResult } from './load';
import {
  CONTENTION_SCENARIOS,
  stockContentionOptions,
  type ContentionBenchOptions,
  type ContentionOperation,
  type ContentionScenarioName,
} from './options';
import { CONTENTION_LABELS, cpuTable, goals, passed, problems, throughputTable, type ContentionCpu, type ContentionResult } from './report';
import { orderTraffic, sellTraffic, type OrderTraffic, type SellTraffic, type Traffic } from './traffic';

const SERVER_ENTRY = join(__dirname, '..', 'lib', 'stack-server.ts');
const BACKGROUND_SAMPLE_MS = 2000;
/** Whole-machine CPU, in % of one core, above which the run warns that something else is competing. */
const BUSY_MACHINE_PERCENT = 30;
/** Products seeded; the bench uses one per scenario and one per kind of warm-up. */
const SEEDED_PRODUCTS = 20;
/** After an order scenario, how long PENDING orders may take to finish before they count as unfinished. */
const ORDER_SETTLE_MS = 15_000;

type Server = BenchChild;

interface Setup {
  gateway: Server;
  subgraphs: Server;
  ledger: StockLedger;
  activity: DbActivitySampler;
  customers: BenchCustomer[];
  /** The product each kind of warm-up runs on, so the measured product sees only measured load. */
  warmupProducts: { sell: string; order: string };
}

async function main(): Promise<void> {
  const options = stockContentionOptions.parse(process.argv.slice(2), process.env);
  const log = benchLogger();
  const startedAt = new Date().toISOString();

  progress(`Preparing ${new URL(options.databaseUrl).pathname.slice(1)}…`);
  const seeded = await prepareBenchDatabase(options.databaseUrl, { products: SEEDED_PRODUCTS, log });
  const products = await SaleProducts.open(options.databaseUrl, 2 + options.scenarios.length);
  const productIds = [...products.ids];
  await products.close();
  const ordering = options.scenarios.some((name) => CONTENTION_SCENARIOS[name].operation === 'order');
  const customers = ordering ? await createCustomers(options.databaseUrl, options.customers) : [];
  await createStaff(options.databaseUrl);

  const ledger = await StockLedger.open(options.databaseUrl);
  const activity = await DbActivitySampler.open(options.databaseUrl);
  const servers = new BenchChildren();
  try {
    progress('Starting the subgraphs and the gateway, each in its own process…');
    const subgraphs = await servers.start({
      entry: SERVER_ENTRY,
      label: 'subgraphs',
      env: { BENCH_ROLE: 'subgraphs', BENCH_DATABASE_URL: options.databaseUrl, BENCH_REDIS_URL: options.redisUrl, BENCH_POOL: String(options.pool) },
      cpuProfDir: options.cpuProfDir,
    });
    const urls = subgraphs.ready.urls;
    const gateway = await servers.start({
      entry: SERVER_ENTRY,
      label: 'gateway',
      env: {
        BENCH_ROLE: 'gateway',
        BENCH_PRODUCTS_URL: subgraphs.url('graphql'),
        ...(urls.accounts ? { BENCH_ACCOUNTS_URL: urls.accounts } : {}),
        ...(urls.orders ? { BENCH_ORDERS_URL: urls.orders } : {}),
      },
      cpuProfDir: options.cpuProfDir,
    });

    const backgroundCpuPercent = await sampleMachineBusy(BACKGROUND_SAMPLE_MS);
    if (backgroundCpuPercent > BUSY_MACHINE_PERCENT) {
      progress(
        `Warning: the machine was ${Math.round(backgroundCpuPercent)}% busy (of ${availableParallelism() * 100}%) before any load; ` +
          'something else is running and the numbers will be lower and noisier.',
      );
    }

    const setup: Setup = { gateway, subgraphs, ledger, activity, customers, warmupProducts: { sell: productIds[0]!, order: productIds[1]! } };
    const results: ContentionResult[] = [];
    for (const [index, scenario] of options.scenarios.entries()) {
      results.push(await runScenario(scenario, productIds[2 + index]!, options, setup));
    }

    const report = {
      bench: 'stock-contention',
      startedAt,
      command: commandLine('bench/stock-contention/main.ts'),
      machine: machine(),
      backgroundCpuPercent,
      options: { ...options, databaseUrl: undefined },
      seeded,
      goals: goals(results),
      results,
    };
    const m = report.machine;
    await writeReport('stock-contention', report, [
      `\n${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}; machine ${Math.round(backgroundCpuPercent)}% busy before the load; ` +
        `${options.connections} connections on one product, ${options.duration} s per scenario after ${options.warmup} s of warm-up; ` +
        `subgraphs' Prisma pool ${options.pool}`,
      throughputTable(results),
      `CPU in % of one core (the machine has ${m.cpus * 100}%), and Postgres sessions of the bench database (mean of 100 ms samples):`,
      cpuTable(results),
      goalsTable(report.goals),
      problems(results),
    ]);
    const failed = results.filter((result) => !passed(result));
    if (failed.length) {
      progress(`Checks failed in: ${failed.map((result) => result.scenario).join(', ')}.`);
      process.exitCode = 1;
    }
  } finally {
    await servers.stopAll();
    await Promise.all([ledger.close(), activity.close()]);
  }
}

async function runScenario(
  scenario: ContentionScenarioName,
  productId: string,
  options: ContentionBenchOptions,
  setup: Setup,
): Promise<ContentionResult> {
  const { operation, runsOut } = CONTENTION_SCENARIOS[scenario];
  const label = CONTENTION_LABELS[scenario];
  const url = setup.gateway.url('graphql');
  const traffic = await trafficFor(operation, setup.customers);

  // One request first: a scenario that answers wrongly fails here, with the answer, not as a fast meaningless number.
  await probe(url, traffic(setup.warmupProducts[operation]), label);
  if (options.warmup > 0) {
    progress(`${label}: ${options.warmup} s warm-up on another product…`);
    await runExactLoad({ url, connections: options.connections, durationSeconds: options.warmup, ...traffic(setup.warmupProducts[operation]) });
  }

  const runsOutStock = operation === 'sell' ? options.sellRunsOutStock : options.orderRunsOutStock;
  await setup.ledger.setStock(productId, runsOut ? runsOutStock : BENCH_STOCK);
  const before = await setup.ledger.stock(productId);
  progress(`${label}: ${options.duration} s, ${options.connections} connections, stock ${before.stock}…`);
  const measured = traffic(productId);
  const usageBefore = await usage(setup);
  setup.activity.start();
  const windowStartUs = monotonicUs();
  const load = await runExactLoad({ url, connections: options.connections, durationSeconds: options.duration, ...measured });
  const windowEndUs = monotonicUs();
  const db = await setup.activity.stop();
  const usageAfter = await usage(setup);

  const orderLedger = 'placedIds' in measured ? await setup.ledger.orderBooks(productId, ORDER_SETTLE_MS) : undefined;
  const after = await setup.ledger.stock(productId);
  const stock: StockMovement = { initial: before.stock, final: after.stock, taken: before.stock - after.stock, changes: after.version - before.version };
  const run = { load, tally: measured.tally, stock, runsOut };
  const checks =
    'placedIds' in measured && orderLedger
      ? orderChecks(run, measured.placedIds, orderLedger.books, orderLedger.placedOrderIds)
      : sellChecks(run, (measured as SellTraffic).stocks);

  const soldOut = runsOut && stock.final === 0 && measured.tally.succeeded > 0;
  const activeSeconds = soldOut ? (measured.tally.lastSuccessAt - load.startedAt) / 1000 : load.wallSeconds;
  const result: ContentionResult = {
    scenario,
    operation,
    productId,
    connections: options.connections,
    load,
    tally: measured.tally,
    successesPerSecond: activeSeconds > 0 ? measured.tally.succeeded / activeSeconds : 0,
    soldOutAfterSeconds: soldOut ? activeSeconds : null,
    stock,
    ...(orderLedger ? { orders: orderLedger.books } : {}),
    cpu: cpuBetween(usageBefore, usageAfter, load),
    db,
    timedWindowMonotonicUs: [windowStartUs, windowEndUs],
    checks,
  };
  progress(
    `${label}: ${Math.round(load.requestsPerSecond)} req/s, ${Math.round(result.successesPerSecond)} successful/s, ` +
      `p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms; stock ${stock.initial} → ${stock.final}; ` +
      `checks ${passed(result) ? 'passed' : `FAILED (${checks.filter((c) => !c.ok).map((c) => c.name).join('; ')})`}`,
  );
  return result;
}

/** Sends one request of the traffic with fetch and fails unless it got a clean answer. */
async function probe(url: string, traffic: Traffic, label: string): Promise<void> {
  const request = traffic.nextRequest();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  traffic.onAnswer(response.status, text, request.tag);
  if (traffic.tally.succeeded !== 1) throw new Error(`${label}: the first request got a wrong answer: HTTP ${response.status} ${text.slice(0, 500)}`);
}

/** Builds each run's traffic, with tokens signed now so a long run never sends an expired one. */
async function trafficFor(operation: ContentionOperation, customers: BenchCustomer[]): Promise<(productId: string) => SellTraffic | OrderTraffic> {
  if (operation === 'sell') {
    const authorization = await freshStaffAuthorization();
    return (productId) => sellTraffic(productId, authorization);
  }
  const authorizations = await customerAuthorizations(customers);
  return (productId) => orderTraffic(productId, customers, authorizations);
}

function stats(server: Server): Promise<StatsReply> {
  return server.stats();
}

interface Usage {
  gateway: StatsReply;
  subgraphs: StatsReply;
  self: NodeJS.CpuUsage;
  machine: number;
  at: number;
}

async function usage({ gateway, subgraphs }: Setup): Promise<Usage> {
  const [gatewayStats, subgraphsStats] = await Promise.all([stats(gateway), stats(subgraphs)]);
  return { gateway: gatewayStats, subgraphs: subgraphsStats, self: process.cpuUsage(), machine: machineTimes().busy, at: performance.now() };
}

function cpuBetween(before: Usage, after: Usage, load: ExactLoadResult): ContentionCpu {
  const wallMs = after.at - before.at;
  const cpuMs = (usage: { user: number; system: number }) => (usage.user + usage.system) / 1000;
  const processCpu = (pick: (usage: Usage) => StatsReply) => {
    const spentMs = cpuMs(pick(after).cpu) - cpuMs(pick(before).cpu);
    const active = pick(after).eventLoop.active - pick(before).eventLoop.active;
    const idle = pick(after).eventLoop.idle - pick(before).eventLoop.idle;
    return { percent: (100 * spentMs) / wallMs, loop: active / (active + idle), perRequest: load.answered ? spentMs / load.answered : 0 };
  };
  const gateway = processCpu((u) => u.gateway);
  const subgraphs = processCpu((u) => u.subgraphs);
  return {
    wallSeconds: wallMs / 1000,
    gatewayPercent: gateway.percent,
    gatewayEventLoopUtilization: gateway.loop,
    gatewayMsPerRequest: gateway.perRequest,
    subgraphsPercent: subgraphs.percent,
    subgraphsEventLoopUtilization: subgraphs.loop,
    subgraphsMsPerRequest: subgraphs.perRequest,
    loadGeneratorPercent: (100 * (cpuMs(after.self) - cpuMs(before.self))) / wallMs,
    machinePercent: (100 * (after.machine - before.machine)) / wallMs,
  };
}

function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

runBench(main);
