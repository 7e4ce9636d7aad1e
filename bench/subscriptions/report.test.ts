import { faker } from '@faker-js/faker';
import type { Percentiles } from './arrivals';
import { goals, incompleteScenarios, type ScenarioResult } from './report';

const MB = 2 ** 20;

function percentiles(p50: number, p99: number): Percentiles {
  return { p50, p99, max: p99 * 1.5, min: p50 / 2 };
}

/** A scenario's result with only what the goals read; the rest of the report is not needed here. */
function scenario(subscribers: number, fanOut: { p50: number; p99: number; missing?: number }, rssMb = 200): ScenarioResult {
  const expected = subscribers * 50;
  const memory = { rss: rssMb * MB, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  return {
    scenario: { name: String(subscribers), subscribers, distinct: 1 },
    fanOut: {
      expected,
      received: expected - (fanOut.missing ?? 0),
      subscribers,
      completeSubscribers: subscribers - (fanOut.missing ? 1 : 0),
      fromCommitMs: percentiles(fanOut.p50, fanOut.p99),
    },
    memory: { connected: memory, connectedGc: memory },
  } as unknown as ScenarioResult;
}

const verdicts = (results: ScenarioResult[]) => goals(results).map((g) => g.met);

describe('subscriptions bench: the goals and what fails a run', () => {
  it('meets every goal at p50 ≤ 20 ms (1,000), p99 ≤ 500 ms with everyone served and RSS ≤ 300 MB (10,000)', () => {
    const results = [scenario(1000, { p50: faker.number.float({ min: 1, max: 20 }), p99: 40 }), scenario(10_000, { p50: 80, p99: 500 }, 300)];
    expect(verdicts(results)).toEqual([true, true, true]);
  });

  it('misses each goal just past its threshold', () => {
    const results = [scenario(1000, { p50: 20.1, p99: 40 }), scenario(10_000, { p50: 80, p99: 501 }, 301)];
    expect(verdicts(results)).toEqual([false, false, false]);
  });

  it('misses the 10,000 goal when one subscriber missed an event, however fast the rest', () => {
    expect(verdicts([scenario(10_000, { p50: 10, p99: 50, missing: 1 })])[1]).toBe(false);
  });

  it('reports a goal with no scenario to measure it as not run, neither met nor missed', () => {
    const notRun = goals([scenario(1, { p50: 2, p99: 3 })]);
    expect(notRun.map((g) => [g.measured, g.met])).toEqual([
      ['not run', undefined],
      ['not run', undefined],
      ['not run', undefined],
    ]);
  });

  it('fails the run for a scenario in which any event went missing', () => {
    const complete = scenario(100, { p50: 5, p99: 9 });
    const lossy = scenario(1000, { p50: 5, p99: 9, missing: faker.number.int({ min: 1, max: 10 }) });
    expect(incompleteScenarios([complete, lossy])).toEqual([lossy]);
  });
});
