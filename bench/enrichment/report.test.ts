import { faker } from '@faker-js/faker';
import { derive, failedScenarios, GOALS, goals, type ScenarioName, type ScenarioResult } from './report';

function result(scenario: ScenarioName, p50: number, overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return { scenario, requests: 200, latencyMs: { mean: p50, p50, p90: p50 + 2, p99: p50 + 10, max: p50 + 20 }, errors: 0, modelCalls: 0, ...overrides };
}

describe('enrichment bench: what decides the run', () => {
  it('takes the model’s own time out of the overhead, and compares with the goals', () => {
    const model = faker.number.int({ min: 100, max: 500 });
    const results = [result('manual', 11), result('local', 9), result('openai-miss', 11 + model + 5, { modelCalls: 200 }), result('openai-hit', 6)];
    const derived = derive(results, [model - 1, model, model + 1]);
    expect(derived).toMatchObject({ providerMsP50: model, overheadMsP50: 5, localCostMsP50: -2, cacheHitMsP50: 6, cacheHitMsP99: 16 });
    expect(goals(derived).map((g) => g.met)).toEqual([true, true]);

    const slow = derive([...results.slice(0, 2), result('openai-miss', 11 + model + GOALS.overheadMs + 1), result('openai-hit', GOALS.cacheHitMs + 1)], [model]);
    expect(goals(slow).map((g) => g.met)).toEqual([false, false]);
  });

  it('fails a scenario with errors, and a cache hit that reached the model', () => {
    const results = [result('manual', 11, { errors: 1 }), result('local', 9), result('openai-hit', 6, { modelCalls: 1 }), result('openai-miss', 300, { modelCalls: 200 })];
    expect(failedScenarios(results).map((r) => r.scenario)).toEqual(['manual', 'openai-hit']);
  });

  it('says which scenario is missing rather than computing from nothing', () => {
    expect(() => derive([result('manual', 11)], [300])).toThrow(/openai-miss/);
  });
});
