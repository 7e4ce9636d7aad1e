import { median, table, type Goal } from '../lib/report';

export type ScenarioName = 'manual' | 'local' | 'openai-miss' | 'openai-hit';

export interface ScenarioResult {
  scenario: ScenarioName;
  requests: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  /** Chat requests the fake model received during the measured requests. */
  modelCalls: number;
}

/** The goals for enrichment, in ms. */
export const GOALS = { overheadMs: 50, cacheHitMs: 30 };

export interface Derived {
  /** The fake model's own median time per answer. */
  providerMsP50: number;
  /** p50(openai-miss) − p50(manual) − the model's own time: what Bodega adds around the model. */
  overheadMsP50: number;
  localCostMsP50: number;
  cacheHitMsP50: number;
  cacheHitMsP99: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The figures the goals are about, from the four scenarios and the model's answer times in openai-miss. */
export function derive(results: readonly ScenarioResult[], providerMs: readonly number[]): Derived {
  const by = (name: ScenarioName) => {
    const result = results.find((r) => r.scenario === name);
    if (!result) throw new Error(`The ${name} scenario did not run.`);
    return result;
  };
  const providerP50 = round(median(providerMs));
  return {
    providerMsP50: providerP50,
    overheadMsP50: round(by('openai-miss').latencyMs.p50 - by('manual').latencyMs.p50 - providerP50),
    localCostMsP50: round(by('local').latencyMs.p50 - by('manual').latencyMs.p50),
    cacheHitMsP50: by('openai-hit').latencyMs.p50,
    cacheHitMsP99: by('openai-hit').latencyMs.p99,
  };
}

export function goals(derived: Derived): Goal[] {
  return [
    {
      goal: `enrichment overhead beyond the provider (p50) ≤ ${GOALS.overheadMs} ms`,
      measured: `${derived.overheadMsP50} ms`,
      met: derived.overheadMsP50 <= GOALS.overheadMs,
    },
    { goal: `cache hit end to end (p50) ≤ ${GOALS.cacheHitMs} ms`, measured: `${derived.cacheHitMsP50} ms`, met: derived.cacheHitMsP50 <= GOALS.cacheHitMs },
  ];
}

/** Scenarios with errors, or a cache hit that reached the model: each fails the run. */
export function failedScenarios(results: readonly ScenarioResult[]): ScenarioResult[] {
  return results.filter((r) => r.errors > 0 || (r.scenario === 'openai-hit' && r.modelCalls !== 0));
}

export function latencyTable(results: readonly ScenarioResult[]): string {
  return table(
    ['Scenario', 'Requests', 'mean', 'p50', 'p90', 'p99', 'max', 'Model calls', 'Errors'],
    results.map((r) => [
      r.scenario,
      String(r.requests),
      `${r.latencyMs.mean} ms`,
      `${r.latencyMs.p50} ms`,
      `${r.latencyMs.p90} ms`,
      `${r.latencyMs.p99} ms`,
      `${r.latencyMs.max} ms`,
      String(r.modelCalls),
      String(r.errors),
    ]),
  );
}

export function derivedLines(derived: Derived): string {
  return [
    `- Fake model's own time per answer (p50): ${derived.providerMsP50} ms`,
    `- Enrichment overhead beyond the provider (p50 openai-miss − p50 manual − model time): ${derived.overheadMsP50} ms`,
    `- Local provider, both fields (p50 local − p50 manual): ${derived.localCostMsP50} ms`,
    `- Cache hit, end to end: p50 ${derived.cacheHitMsP50} ms; p99 ${derived.cacheHitMsP99} ms`,
  ].join('\n');
}
