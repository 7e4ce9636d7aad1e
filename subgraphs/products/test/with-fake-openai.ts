import { faker } from '@faker-js/faker';
import { startFakeOpenAi, type FakeOpenAi } from '@bodega/testing/fake-openai';
import { startHarness, type Harness } from './harness';

/**
 * The enrichment tests' setup: a harness and a fake OpenAI-compatible server, started before the
 * file's tests (Faker seeded with `seed`), back to the local provider after each test, closed at
 * the end. `set` receives them once started.
 */
export function withFakeOpenAi(seed: number, set: (started: { h: Harness; fake: FakeOpenAi }) => void): void {
  let started: { h: Harness; fake: FakeOpenAi } | undefined;
  beforeAll(async () => {
    faker.seed(seed);
    const [h, fake] = await Promise.all([startHarness(), startFakeOpenAi()]);
    started = { h, fake };
    set(started);
  });
  afterEach(() => {
    started?.fake.reset();
    // Back to the default: no API key, the local provider.
    if (started) started.h.deps.enricher = undefined;
  });
  afterAll(async () => {
    await Promise.all([started?.h.close(), started?.fake.close()]);
  });
}
