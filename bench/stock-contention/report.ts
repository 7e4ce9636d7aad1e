import type { Check, StockMovement } from './checks';
import type { OrderBooks } from './ledger';
import type { ExactLoadResult } from './load';
import type { ContentionOperation, ContentionScenarioName } from './options';
import type { AnswerTally } from './traffic';
import type { DbActivity } from '../lib/db-activity';
import { ms, table, type Goal } from '../lib/report';

/** The bench's goal (issue 5): committed sales per second through the gateway on one product. */
export const SELLS_PER_SECOND_GOAL = 1000;

export const CONTENTION_LABELS: Record<ContentionScenarioName, string> = {
  sell: 'sellProduct, plenty of stock',
  'sell-runs-out': 'sellProduct, stock runs out',
  order: 'placeOrder, plenty of stock',
  'order-runs-out': 'placeOrder, stock runs out',
};

/** CPU over the measured run, in % of one core (the machine has cores × 100%). */
export interface ContentionCpu {
  wallSeconds: number;
  gatewayPercent: number;
  gatewayEventLoopUtilization: number;
  /** Gateway CPU time per answer. */
  gatewayMsPerRequest: number;
  /** The accounts, products and orders subgraphs, in one process. */
  subgraphsPercent: number;
  subgraphsEventLoopUtilization: number;
  subgraphsMsPerRequest: number;
  loadGeneratorPercent: number;
  /** Every core: Postgres, Redis and whatever else runs on the machine included. */
  machinePercent: number;
}

export interface ContentionResult {
  scenario: ContentionScenarioName;
  operation: ContentionOperation;
  productId: string;
  connections: number;
  load: ExactLoadResult;
  tally: AnswerTally;
  /** Clean answers per second while there was stock: up to the last one when the stock ran out, else over the whole run. */
  successesPerSecond: number;
  /** Seconds from the first request to the last clean answer, when the stock ran out; else null. */
  soldOutAfterSeconds: number | null;
  stock: StockMovement;
  /** Order scenarios: the orders and reservations in the database. */
  orders?: OrderBooks;
  cpu: ContentionCpu;
  db: DbActivity;
  /**
   * The measured run, first request to last answer, in µs of the monotonic clock (process.hrtime);
   * `--cpu-prof` profiles use the same clock, so their samples can be cut to this window.
   */
  timedWindowMonotonicUs: [number, number];
  checks: Check[];
}

export function passed(result: ContentionResult): boolean {
  return result.checks.every((check) => check.ok);
}

export function throughputTable(results: readonly ContentionResult[]): string {
  const header = [
    'Scenario',
    'Req/s',
    'Successful/s',
    'p50',
    'p99',
    'OK / OUT_OF_STOCK / other errors / non-2xx',
    'Unanswered',
    'Stock start → end',
    'Sold out after',
    'Zero oversell',
  ];
  const rows = results.map((r) => [
    CONTENTION_LABELS[r.scenario],
    Math.round(r.load.requestsPerSecond).toString(),
    Math.round(r.successesPerSecond).toString(),
    ms(r.load.latencyMs.p50),
    ms(r.load.latencyMs.p99),
    `${r.tally.succeeded} / ${r.tally.outOfStock} / ${otherErrors(r.tally)} / ${r.load.non2xx}`,
    r.load.unanswered.toString(),
    `${r.stock.initial} → ${r.stock.final}`,
    r.soldOutAfterSeconds === null ? '—' : `${r.soldOutAfterSeconds.toFixed(1)} s`,
    passed(r) ? 'yes' : '**no**',
  ]);
  return table(header, rows);
}

/** Where the time went: which process was busy, and whether Postgres sessions queued on the product's row lock. */
export function cpuTable(results: readonly ContentionResult[]): string {
  const header = [
    'Scenario',
    'Gateway',
    'Gateway loop busy',
    'Subgraphs',
    'Subgraphs loop busy',
    'Load generator',
    'Whole machine',
    'CPU / req gateway + subgraphs',
    'DB sessions active (on a lock) / idle in transaction',
  ];
  const rows = results.map(({ scenario, cpu, db }) => [
    CONTENTION_LABELS[scenario],
    `${Math.round(cpu.gatewayPercent)}%`,
    `${Math.round(cpu.gatewayEventLoopUtilization * 100)}%`,
    `${Math.round(cpu.subgraphsPercent)}%`,
    `${Math.round(cpu.subgraphsEventLoopUtilization * 100)}%`,
    `${Math.round(cpu.loadGeneratorPercent)}%`,
    `${Math.round(cpu.machinePercent)}%`,
    `${cpu.gatewayMsPerRequest.toFixed(2)} + ${cpu.subgraphsMsPerRequest.toFixed(2)} ms`,
    `${db.active.toFixed(1)} (${db.waitingOnLock.toFixed(1)}) / ${db.idleInTransaction.toFixed(1)}`,
  ]);
  return table(header, rows);
}

export function goals(results: readonly ContentionResult[]): Goal[] {
  const sell = results.find((r) => r.scenario === 'sell');
  return [
    {
      goal: `≥ ${SELLS_PER_SECOND_GOAL.toLocaleString('en')} committed sells/s through the gateway on one product (${CONTENTION_LABELS.sell})`,
      measured: sell ? `${Math.round(sell.successesPerSecond)}/s` : 'not run',
      met: sell ? sell.successesPerSecond >= SELLS_PER_SECOND_GOAL : undefined,
    },
    {
      goal: 'zero oversell: answers, stock, orders and reservations agree (every scenario run)',
      measured: `${results.filter(passed).length} of ${results.length} scenarios`,
      met: results.every(passed),
    },
  ];
}

/** Every failed check and one example of each error, so a failed run says why. */
export function problems(results: readonly ContentionResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const check of r.checks.filter((c) => !c.ok)) lines.push(`- ${CONTENTION_LABELS[r.scenario]}: **${check.name}** failed: ${check.detail}`);
    for (const [code, example] of Object.entries(r.tally.examples)) {
      if (code !== 'OUT_OF_STOCK') lines.push(`- ${CONTENTION_LABELS[r.scenario]}: ${code}, e.g. ${JSON.stringify(example)}`);
    }
  }
  return lines.join('\n');
}

function otherErrors(tally: AnswerTally): number {
  return Object.values(tally.otherErrors).reduce((sum, n) => sum + n, 0) + tally.malformed;
}
