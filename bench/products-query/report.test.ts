import { faker } from '@faker-js/faker';
import { failedScenarios, summarise, type ScenarioResult } from './report';

function round(scenario: ScenarioResult['scenario'], requestsPerSecond: number, overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    scenario,
    url: `http://127.0.0.1/${scenario}`,
    requestsPerSecond,
    latencyMs: { average: 20, p50: 20, p90: 30, p99: 40, max: 60 },
    requests: requestsPerSecond * 8,
    errors: 0,
    graphqlErrors: 0,
    non2xx: 0,
    durationSeconds: 8,
    cpu: { serverMsPerRequest: 1.4, serverPercent: 110, serverEventLoopUtilization: 1, loadGeneratorPercent: 5, machineBusyPercent: 130 },
    ...overrides,
  };
}

describe('products-query bench: the summary and what fails a run', () => {
  it('takes each scenario’s median round, so one disturbed round does not decide the table, and sums the counts', () => {
    const [low, mid, high] = [faker.number.int({ min: 100, max: 300 }), 500, faker.number.int({ min: 700, max: 900 })];
    const [direct] = summarise([[round('direct', high)], [round('direct', low)], [round('direct', mid)]]);
    expect(direct).toMatchObject({ scenario: 'direct', rounds: 3, requestsPerSecond: mid, requests: (low + mid + high) * 8, durationSeconds: 24 });
  });

  it('fails a scenario with any connection error, GraphQL error or non-2xx answer', () => {
    const summary = summarise([[round('direct', 800), round('bodega', 450, { graphqlErrors: 1 }), round('stock', 400, { non2xx: 2 })]]);
    expect(failedScenarios(summary).map((s) => s.scenario)).toEqual(['bodega', 'stock']);
    expect(failedScenarios(summarise([[round('direct', 800, { errors: 1 })]]))).toHaveLength(1);
  });
});
