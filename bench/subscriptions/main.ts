/**
 * End-to-end subscription latency and gateway memory: a `sellProduct` commits in the products
 * subgraph, its event goes out on Redis, the gateway resolves it once and writes it to every
 * subscriber of `stockChanged`. Measured at 1, 1,000 and 10,000 concurrent subscribers (and
 * 1,000 spread over 100 productIds). Prints markdown tables and writes bench/results/subscriptions.json.
 *
 *   npx tsx bench/subscriptions/main.ts [--scenarios 1,1000,1000x100,10000] [--sales 50] [--interval 50]
 *     [--batch 500] [--settle 2] [--cpu-prof-dir DIR] [--heap-snapshot-dir DIR] [--gateway-node-args "--flag=value"]
 *
 * See bench/README.md ("Subscriptions") for what the numbers mean.
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchChildren, type BenchChild } from '../lib/child';
import { prepareBenchDatabase } from '../lib/database';
import { machineTimes, sampleMachineBusy } from '../lib/machine';
import type { StatsReply } from '../lib/messages';
import { commandLine, goalsTable, machine, mb, writeReport } from '../lib/report';
import { SaleProducts, sellOne } from '../lib/sales';
import { benchLogger, progress, runBench } from '../lib/run';
import { ArrivalRecorder, type TimedSale } from './arrivals';
import { subscriptionsOptions, type SubscriptionBenchOptions, type SubscriptionScenario } from './options';
import { cpuTable, goals, incompleteScenarios, latencyTable, memoryTable, scenarioLabel, type ScenarioResult } from './report';
import { SubscriberPool } from './subscribers';

/** The subscription, plus `occurredAt`: the subgraph's timestamp of the commit, which latency is measured from. */
export const STOCK_CHANGED = `subscription ($id: ID) {
  stockChanged(productId: $id) { stock delta reason version occurredAt product { id name stock } }
}`;

const SERVER_ENTRY = join(__dirname, '..', 'lib', 'stack-server.ts');
/** How long each step may take before the run gives up on it, in ms. */
const TIMEOUT_MS = {
  batch: 30_000,
  hub: 30_000,
  confirm: 10_000,
  /** After the last sale, how long the bench waits for stragglers before counting them missing. */
  drain: 20_000,
  close: 20_000,
  snapshot: 120_000,
};
const CONFIRM_ROUNDS = 5;
const POLL_MS = 20;
const BUSY_MACHINE_PERCENT = 30;

type Server = BenchChild;

async function main(): Promise<void> {
  const options = subscriptionsOptions.parse(process.argv.slice(2), process.env);
  const log = benchLogger();
  const startedAt = new Date().toISOString();
  const mostProducts = Math.max(...options.scenarios.map((s) => s.distinct));

  progress(`Preparing ${new URL(options.databaseUrl).pathname.slice(1)}…`);
  const seeded = await prepareBenchDatabase(options.databaseUrl, { products: Math.max(200, mostProducts), log });
  const products = await SaleProducts.open(options.databaseUrl, mostProducts);

  const pools = new Set<SubscriberPool>();
  const servers = new BenchChildren(() => {
    for (const pool of pools) pool.terminate();
  });
  try {
    progress('Starting the products subgraph and the gateway, each in its own process…');
    const subgraph = await servers.start({
      entry: SERVER_ENTRY,
      label: 'products',
      env: { BENCH_ROLE: 'products', BENCH_DATABASE_URL: options.databaseUrl, BENCH_REDIS_URL: options.redisUrl },
    });
    const gateway = await servers.start({
      entry: SERVER_ENTRY,
      label: 'gateway',
      env: { BENCH_ROLE: 'gateway', BENCH_PRODUCTS_URL: subgraph.url('graphql') },
      // Only so the bench can also read memory after a full GC; nothing else changes.
      nodeArgs: ['--expose-gc', ...options.gatewayNodeArgs],
      cpuProfDir: options.cpuProfDir,
    });

    const backgroundCpuPercent = await sampleMachineBusy(2000);
    if (backgroundCpuPercent > BUSY_MACHINE_PERCENT) {
      progress(
        `Warning: the machine was ${Math.round(backgroundCpuPercent)}% busy (of ${availableParallelism() * 100}%) before any load; ` +
          'something else is running and latencies will be higher.',
      );
    }
    const gatewayAtStart = await stats(gateway, true);

    const results: ScenarioResult[] = [];
    for (const scenario of options.scenarios) {
      results.push(await runScenario(scenario, options, { gateway, subgraph, products, pools }));
    }

    const report = {
      bench: 'subscriptions',
      startedAt,
      command: commandLine('bench/subscriptions/main.ts'),
      machine: machine(),
      backgroundCpuPercent,
      options: { ...options, databaseUrl: undefined },
      seeded,
      gatewayAtStart: gatewayAtStart.memory,
      goals: goals(results),
      results,
    };
    const m = report.machine;
    await writeReport('subscriptions', report, [
      `\n${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}; machine ${Math.round(backgroundCpuPercent)}% busy before the load; ` +
        `${options.sales} sales per scenario; gateway RSS at start ${mb(gatewayAtStart.memory.rss)} (after GC)`,
      'Latency, in ms, over every (sale, subscriber) pair:',
      latencyTable(results),
      `CPU during the timed sales, in % of one core (the machine has ${m.cpus * 100}%):`,
      cpuTable(results),
      'Gateway process memory (RSS):',
      memoryTable(results),
      goalsTable(report.goals),
    ]);
    const incomplete = incompleteScenarios(results);
    if (incomplete.length) {
      progress(`Events went missing in: ${incomplete.map((r) => scenarioLabel(r.scenario)).join(', ')}.`);
      process.exitCode = 1;
    }
  } finally {
    for (const pool of pools) pool.terminate();
    await servers.stopAll();
    await products.close();
  }
}

interface Setup {
  gateway: Server;
  subgraph: Server;
  products: SaleProducts;
  pools: Set<SubscriberPool>;
}

async function runScenario(scenario: SubscriptionScenario, options: SubscriptionBenchOptions, setup: Setup): Promise<ScenarioResult> {
  const { gateway, subgraph, products } = setup;
  const label = scenarioLabel(scenario);
  const productIds = products.ids.slice(0, scenario.distinct);
  const recorder = new ArrivalRecorder(scenario.subscribers, productIds);
  const pool = new SubscriberPool({
    url: gateway.url('graphql'),
    query: STOCK_CHANGED,
    variablesOf: (index) => ({ id: productIds[recorder.productOf(index)] }),
    onNext: recorder.record,
  });
  setup.pools.add(pool);

  const beforeConnect = (await stats(gateway, true)).memory;
  progress(`${label}: connecting ${scenario.subscribers} in batches of ${options.batch}…`);
  const connectStart = performance.now();
  await pool.connect(scenario.subscribers, options.batch, TIMEOUT_MS.batch);
  const hub = await until(
    gateway,
    (reply) => (reply.hub?.subscribers ?? 0) >= scenario.subscribers,
    TIMEOUT_MS.hub,
    'the gateway to hold every subscription',
  );
  const connectSeconds = (performance.now() - connectStart) / 1000;

  // Untimed: one sale per product, until every subscriber has received one. It proves each
  // subscription is live end to end (the upstream subscription opens lazily, behind the first).
  let confirmRounds = 0;
  for (;;) {
    confirmRounds++;
    for (const id of productIds) await sellOne(gateway.url('graphql'), id);
    const committed = (await products.state(scenario.distinct)).map((state) => state.version);
    const deadline = performance.now() + TIMEOUT_MS.confirm;
    while (recorder.behind(committed) > 0 && performance.now() < deadline) await sleep(POLL_MS);
    const behind = recorder.behind(committed);
    if (behind === 0) break;
    if (confirmRounds >= CONFIRM_ROUNDS) {
      throw new Error(
        `${label}: ${behind} subscribers never received a confirmation sale (${confirmRounds} rounds). ` +
          `Is Redis reachable at ${options.redisUrl}? Client problems: ${JSON.stringify(pool.problems)}`,
      );
    }
  }

  await sleep(options.settle * 1000);
  const connected = (await stats(gateway, false)).memory;
  const connectedGc = (await stats(gateway, true)).memory;
  if (options.heapSnapshotDir) {
    progress(`${label}: writing a heap snapshot of the gateway…`);
    await mkdir(options.heapSnapshotDir, { recursive: true });
    const { file } = await gateway.ask({ type: 'heap-snapshot', dir: options.heapSnapshotDir, tag: scenario.name }, TIMEOUT_MS.snapshot);
    progress(`${label}: wrote ${file}`);
  }

  // Timed: sales spaced `intervalMs` apart (start to start), one at a time, so every answer's
  // stock and every event's version belong to one known sale.
  const base = await products.state(scenario.distinct);
  const saleCount = Math.max(options.sales, scenario.distinct);
  const salesPerProduct = Math.ceil(saleCount / scenario.distinct);
  recorder.startWindow(base, salesPerProduct);
  progress(`${label}: ${saleCount} timed sales, one every ${scenario.intervalMs ?? options.interval} ms at most…`);

  const wallOffsetMs = preciseWallOffset();
  const before = await usage(gateway, subgraph);
  const windowStartUs = monotonicUs();
  const sales: TimedSale[] = [];
  const intervalMs = scenario.intervalMs ?? options.interval;
  const loopBefore = performance.eventLoopUtilization();
  const salesStart = performance.now();
  for (let index = 0; index < saleCount; index++) {
    await sleep(salesStart + index * intervalMs - performance.now());
    const product = index % scenario.distinct;
    const k = Math.floor(index / scenario.distinct) + 1;
    const sale = await sellOne(gateway.url('graphql'), productIds[product]!);
    const expectedStock = base[product]!.stock - k;
    if (sale.stock !== expectedStock) {
      throw new Error(`${label}: sale ${index} left stock ${sale.stock}, expected ${expectedStock}; something else sells these products.`);
    }
    sales.push({ product, k, startedAt: sale.startedAt, respondedAt: sale.respondedAt });
  }
  const salesSeconds = (performance.now() - salesStart) / 1000;
  // Subscriber i watches product i % distinct.
  const expected = sales.reduce((sum, sale) => sum + Math.ceil((scenario.subscribers - sale.product) / scenario.distinct), 0);
  const drainDeadline = performance.now() + TIMEOUT_MS.drain;
  while (recorder.receivedCount() < expected && performance.now() < drainDeadline) await sleep(POLL_MS);
  const windowEndUs = monotonicUs();
  const loadGeneratorLoop = performance.eventLoopUtilization(loopBefore);
  const after = await usage(gateway, subgraph);
  const afterSales = (await stats(gateway, false)).memory;
  const afterSalesGc = (await stats(gateway, true)).memory;
  const fanOut = recorder.analyse(sales, wallOffsetMs);

  progress(`${label}: disconnecting…`);
  await pool.close(TIMEOUT_MS.close);
  setup.pools.delete(pool);
  await until(gateway, (reply) => reply.hub?.subscribers === 0, TIMEOUT_MS.hub, 'the gateway to drop every subscription');
  await sleep(options.settle * 1000);
  const afterDisconnect = (await stats(gateway, false)).memory;
  const afterDisconnectGc = (await stats(gateway, true)).memory;

  const wallMs = after.at - before.at;
  const cpuMs = (reply: StatsReply) => (reply.cpu.user + reply.cpu.system) / 1000;
  const gatewayCpuMs = cpuMs(after.gateway) - cpuMs(before.gateway);
  const loopActive = after.gateway.eventLoop.active - before.gateway.eventLoop.active;
  const loopIdle = after.gateway.eventLoop.idle - before.gateway.eventLoop.idle;
  const result: ScenarioResult = {
    scenario,
    sales: sales.length,
    intervalMs,
    salesPerSecond: sales.length / salesSeconds,
    connectSeconds,
    confirmRounds,
    upstreamSubscriptions: hub.hub?.shared ?? 0,
    fanOut,
    timedWindowMonotonicUs: [windowStartUs, windowEndUs],
    cpu: {
      wallSeconds: wallMs / 1000,
      gatewayPercent: (100 * gatewayCpuMs) / wallMs,
      gatewayEventLoopUtilization: loopActive / (loopActive + loopIdle),
      gatewayMicrosPerDelivery: fanOut.received ? (1000 * gatewayCpuMs) / fanOut.received : 0,
      productsPercent: (100 * (cpuMs(after.products) - cpuMs(before.products))) / wallMs,
      loadGeneratorPercent: (100 * (selfCpuMs(after.self) - selfCpuMs(before.self))) / wallMs,
      loadGeneratorEventLoopUtilization: loadGeneratorLoop.utilization,
      machinePercent: (100 * (after.machine - before.machine)) / wallMs,
    },
    memory: { beforeConnect, connected, connectedGc, afterSales, afterSalesGc, afterDisconnect, afterDisconnectGc },
    problems: { ...recorder.problems, ...pool.problems },
  };
  const f = fanOut.fromCommitMs;
  progress(
    `${label}: ${fanOut.received}/${fanOut.expected} delivered, commit → next p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms; ` +
      `gateway RSS connected ${mb(connected.rss)}`,
  );
  return result;
}

function stats(server: Server, gc: boolean): Promise<StatsReply> {
  return server.stats(gc);
}

async function usage(gateway: Server, subgraph: Server) {
  const [gatewayStats, productsStats] = await Promise.all([stats(gateway, false), stats(subgraph, false)]);
  return { gateway: gatewayStats, products: productsStats, self: process.cpuUsage(), machine: machineTimes().busy, at: performance.now() };
}

/** Polls the server's stats until `done` accepts them. */
async function until(server: Server, done: (reply: StatsReply) => boolean, timeoutMs: number, what: string): Promise<StatsReply> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const reply = await stats(server, false);
    if (done(reply)) return reply;
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(reply.hub)}`);
    await sleep(100);
  }
}

/**
 * Date.now() − performance.now(), taken the moment Date.now() ticks over, so it is exact to
 * a few microseconds rather than to the millisecond. It turns arrival times into epoch ms.
 */
function preciseWallOffset(): number {
  const start = Date.now();
  let now = start;
  // Spins at most 1 ms.
  while (now === start) now = Date.now();
  return now - performance.now();
}

function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function selfCpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

runBench(main);
