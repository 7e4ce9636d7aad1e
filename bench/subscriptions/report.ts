import type { FanOutResult, Percentiles } from './arrivals';
import type { StatsReply } from '../lib/messages';
import { mb, ms, table, type Goal } from '../lib/report';
import type { SubscriptionScenario } from './options';

export type Memory = StatsReply['memory'];

/** The gateway's memory at the points of a scenario; `…Gc` after a forced full GC. */
export interface ScenarioMemory {
  beforeConnect: Memory;
  connected: Memory;
  connectedGc: Memory;
  afterSales: Memory;
  afterSalesGc: Memory;
  afterDisconnect: Memory;
  afterDisconnectGc: Memory;
}

/** CPU during the timed sales, in % of one core (the machine has cores × 100%). */
export interface ScenarioCpu {
  wallSeconds: number;
  gatewayPercent: number;
  gatewayEventLoopUtilization: number;
  /** Gateway CPU time divided by the (sale, subscriber) messages delivered. */
  gatewayMicrosPerDelivery: number;
  productsPercent: number;
  loadGeneratorPercent: number;
  /** Share of the window the load generator's event loop was busy; near 1, arrival times would be late. */
  loadGeneratorEventLoopUtilization: number;
  /** Every core, everything running (Postgres, Redis and whatever else is on the machine included). */
  machinePercent: number;
}

export interface ScenarioResult {
  scenario: SubscriptionScenario;
  sales: number;
  /** Scheduled gap between sales, start to start. */
  intervalMs: number;
  /** Achieved sales per second (the schedule is a floor: a sale waits for the previous answer). */
  salesPerSecond: number;
  connectSeconds: number;
  /** Confirmation sales needed before every subscriber had one event (normally 1 round). */
  confirmRounds: number;
  /** Distinct upstream subscriptions the gateway's hub held while connected. */
  upstreamSubscriptions: number;
  fanOut: FanOutResult;
  /**
   * The timed sales, from the first sale to the last arrival, in µs of the monotonic clock
   * (process.hrtime); a `--cpu-prof` profile's timestamps use the same clock, so its samples
   * can be cut to this window.
   */
  timedWindowMonotonicUs: [number, number];
  cpu: ScenarioCpu;
  memory: ScenarioMemory;
  problems: Record<string, number | string[]>;
}

export function scenarioLabel(scenario: SubscriptionScenario): string {
  const subscribers = scenario.subscribers.toLocaleString('en');
  const shape = scenario.distinct === 1 ? `${subscribers} × same subscription` : `${subscribers} over ${scenario.distinct} productIds`;
  return scenario.intervalMs === undefined ? shape : `${shape}, a sale every ${scenario.intervalMs} ms`;
}

export function latencyTable(results: readonly ScenarioResult[]): string {
  const header = [
    'Subscribers',
    'Sales',
    'Delivered / expected',
    'Got every event',
    'commit → next p50 / p99 / max',
    'request → next p50 / p99',
    'response → next p50 / p99',
    'Fan-out spread p50 / max',
    'Mutation p50',
  ];
  const rows = results.map((r) => [
    scenarioLabel(r.scenario),
    `${r.sales} every ≥${r.intervalMs} ms (${r.salesPerSecond.toFixed(1)}/s)`,
    `${r.fanOut.received} / ${r.fanOut.expected}`,
    `${r.fanOut.completeSubscribers} / ${r.fanOut.subscribers}`,
    triple(r.fanOut.fromCommitMs),
    pair(r.fanOut.fromRequestMs),
    pair(r.fanOut.fromResponseMs),
    `${ms(r.fanOut.spreadMs.p50)} / ${ms(r.fanOut.spreadMs.max)}`,
    ms(r.fanOut.mutationMs.p50),
  ]);
  return table(header, rows);
}

export function cpuTable(results: readonly ScenarioResult[]): string {
  const header = [
    'Subscribers',
    'Connect',
    'Gateway CPU',
    'Gateway event loop busy',
    'Gateway CPU / delivery',
    'Products subgraph CPU',
    'Load generator CPU (loop busy)',
    'Whole machine',
    'Of which other processes',
  ];
  const rows = results.map((r) => [
    scenarioLabel(r.scenario),
    `${r.connectSeconds.toFixed(1)} s`,
    `${Math.round(r.cpu.gatewayPercent)}%`,
    `${Math.round(r.cpu.gatewayEventLoopUtilization * 100)}%`,
    `${r.cpu.gatewayMicrosPerDelivery.toFixed(0)} µs`,
    `${Math.round(r.cpu.productsPercent)}%`,
    `${Math.round(r.cpu.loadGeneratorPercent)}% (${Math.round(r.cpu.loadGeneratorEventLoopUtilization * 100)}%)`,
    `${Math.round(r.cpu.machinePercent)}%`,
    `${Math.round(Math.max(0, r.cpu.machinePercent - r.cpu.gatewayPercent - r.cpu.productsPercent - r.cpu.loadGeneratorPercent))}%`,
  ]);
  return table(header, rows);
}

export function memoryTable(results: readonly ScenarioResult[]): string {
  const header = [
    'Subscribers',
    'Before connecting',
    'Connected, idle',
    'Connected, after GC (heap used)',
    'Heap per subscriber',
    'After the sales',
    'After disconnecting',
    'After disconnecting + GC',
  ];
  const rows = results.map((r) => {
    const m = r.memory;
    // Both read after a full GC. Heap, not RSS: RSS also moves with what V8 keeps from earlier scenarios.
    const heapPerSubscriber = (m.connectedGc.heapUsed - m.beforeConnect.heapUsed) / r.scenario.subscribers;
    return [
      scenarioLabel(r.scenario),
      mb(m.beforeConnect.rss),
      mb(m.connected.rss),
      `${mb(m.connectedGc.rss)} (${mb(m.connectedGc.heapUsed)})`,
      r.scenario.subscribers >= 1000 ? `${(heapPerSubscriber / 1024).toFixed(1)} KB` : '—',
      mb(m.afterSales.rss),
      mb(m.afterDisconnect.rss),
      mb(m.afterDisconnectGc.rss),
    ];
  });
  return table(header, rows);
}

/** The goals, checked against every scenario they apply to (one subscription shared by all). */
export function goals(results: readonly ScenarioResult[]): Goal[] {
  const shared = (subscribers: number) => results.filter((r) => r.scenario.subscribers === subscribers && r.scenario.distinct === 1);
  const everyone = (r: ScenarioResult) => r.fanOut.received === r.fanOut.expected && r.fanOut.completeSubscribers === r.fanOut.subscribers;
  const notRun = (goal: string) => ({ goal, met: undefined, measured: 'not run' });
  const latency1k = 'p50 ≤ 20 ms at 1,000 subscribers (commit → next)';
  const latency10k = 'all 10,000 served, p99 ≤ 500 ms (commit → next)';
  const memory10k = 'gateway RSS ≤ 300 MB with 10,000 idle subscribers';
  const rows = [
    ...(shared(1000).length
      ? shared(1000).map((r) => ({
          goal: `${latency1k}: ${scenarioLabel(r.scenario)}`,
          met: r.fanOut.fromCommitMs.p50 <= 20,
          measured: ms(r.fanOut.fromCommitMs.p50),
        }))
      : [notRun(latency1k)]),
    ...(shared(10_000).length
      ? shared(10_000).map((r) => ({
          goal: `${latency10k}: ${scenarioLabel(r.scenario)}`,
          met: everyone(r) && r.fanOut.fromCommitMs.p99 <= 500,
          measured: `${r.fanOut.completeSubscribers} / ${r.fanOut.subscribers} got every event, p99 ${ms(r.fanOut.fromCommitMs.p99)}`,
        }))
      : [notRun(latency10k)]),
    ...(shared(10_000).length
      ? shared(10_000).map((r) => ({
          goal: `${memory10k}: ${scenarioLabel(r.scenario)}`,
          met: r.memory.connected.rss <= 300 * 2 ** 20,
          measured: `${mb(r.memory.connected.rss)} (${mb(r.memory.connectedGc.rss)} after GC)`,
        }))
      : [notRun(memory10k)]),
  ];
  return rows;
}

/** Scenarios in which some subscriber missed an event: each fails the run. */
export function incompleteScenarios(results: readonly ScenarioResult[]): ScenarioResult[] {
  return results.filter((r) => r.fanOut.received !== r.fanOut.expected);
}

function triple(p: Percentiles): string {
  return `${ms(p.p50)} / ${ms(p.p99)} / ${ms(p.max)}`;
}

function pair(p: Percentiles): string {
  return `${ms(p.p50)} / ${ms(p.p99)}`;
}
