import { median, medianEach, percentChange, signedMs, table, type Machine } from '../lib/report';
import type { LoadResult } from './load';
import type { BenchOptions, ScenarioName } from './options';

export const SCENARIO_LABELS: Record<ScenarioName, string> = {
  direct: 'products subgraph, direct',
  bodega: 'Bodega gateway → products',
  stock: 'stock @apollo/gateway → products',
};

export interface ScenarioResult extends LoadResult {
  scenario: ScenarioName;
  url: string;
}

/** One scenario over every round: medians of the rates and latencies, sums of the counts. */
export interface ScenarioSummary extends ScenarioResult {
  rounds: number;
}

export interface BenchReport {
  bench: 'products-query';
  startedAt: string;
  command: string;
  machine: Machine;
  /** Whole-machine CPU in the 2 s before the first scenario, in % of one core: what else was running. */
  backgroundCpuPercent: number;
  options: Omit<BenchOptions, 'databaseUrl'>;
  seeded: { products: number; categoryIds: number[] };
  summary: ScenarioSummary[];
  /** Every round's results, in the order they ran. */
  rounds: ScenarioResult[][];
}

/** Medians per scenario, so one round disturbed by something else on the machine does not decide the table. */
export function summarise(rounds: ScenarioResult[][]): ScenarioSummary[] {
  const scenarios = [...new Set(rounds.flat().map((result) => result.scenario))];
  return scenarios.map((scenario) => {
    const runs = rounds.flat().filter((result) => result.scenario === scenario);
    const mid = (pick: (result: ScenarioResult) => number) => median(runs.map(pick));
    const sum = (pick: (result: ScenarioResult) => number) => runs.reduce((total, result) => total + pick(result), 0);
    return {
      scenario,
      url: runs[0]?.url ?? '',
      rounds: runs.length,
      requestsPerSecond: mid((r) => r.requestsPerSecond),
      latencyMs: { ...medianEach(runs.map((r) => r.latencyMs)), max: Math.max(...runs.map((r) => r.latencyMs.max)) },
      requests: sum((r) => r.requests),
      errors: sum((r) => r.errors),
      graphqlErrors: sum((r) => r.graphqlErrors),
      non2xx: sum((r) => r.non2xx),
      durationSeconds: sum((r) => r.durationSeconds),
      cpu: medianEach(runs.map((r) => r.cpu)),
    };
  });
}

/** The results as a markdown table; the last column compares with the direct scenario when it ran. */
export function markdownTable(results: ScenarioSummary[]): string {
  const direct = results.find((result) => result.scenario === 'direct');
  const rows = results.map((result) => [
    SCENARIO_LABELS[result.scenario],
    Math.round(result.requestsPerSecond).toString(),
    ms(result.latencyMs.p50),
    ms(result.latencyMs.p99),
    `${result.errors + result.graphqlErrors} / ${result.non2xx}`,
    result.requests.toString(),
    `${result.cpu.serverMsPerRequest.toFixed(2)} ms`,
    direct && result !== direct
      ? `${percentChange(result.requestsPerSecond / direct.requestsPerSecond - 1)} req/s, ` +
        `${signedMs(result.latencyMs.p50 - direct.latencyMs.p50)} p50, ` +
        `${signedMs(result.cpu.serverMsPerRequest - direct.cpu.serverMsPerRequest, 2)} CPU/req`
      : '—',
  ]);
  const header = ['Scenario', 'Req/s (avg)', 'p50', 'p99', 'Errors / non-2xx', 'Requests', 'Server CPU / req', 'vs direct'];
  return table(header, rows);
}

/** Where the CPU went, per scenario: shows whether the server or the machine was the limit. */
export function cpuTable(results: ScenarioSummary[]): string {
  const header = ['Scenario', 'Server process', 'Server event loop busy', 'Load generator', 'Whole machine (Postgres, others)'];
  const rows = results.map((result) => [
    SCENARIO_LABELS[result.scenario],
    `${Math.round(result.cpu.serverPercent)}%`,
    `${Math.round(result.cpu.serverEventLoopUtilization * 100)}%`,
    `${Math.round(result.cpu.loadGeneratorPercent)}%`,
    `${Math.round(result.cpu.machineBusyPercent)}%`,
  ]);
  return table(header, rows);
}

/** Scenarios with any error, GraphQL error or non-2xx answer under load: each fails the run. */
export function failedScenarios(results: readonly ScenarioSummary[]): ScenarioSummary[] {
  return results.filter((result) => result.errors + result.graphqlErrors + result.non2xx > 0);
}

function ms(value: number): string {
  return `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
}
