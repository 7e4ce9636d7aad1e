import { randomBytes } from 'node:crypto';
import { faker } from '@faker-js/faker';
import { createLogger } from '@bodega/logger';
import { Redis } from 'ioredis';
import {
  createLocalProvider,
  Enricher,
  MemoryAnswerCache,
  OpenAiProvider,
  RedisAnswerCache,
  type AnswerCache,
  type EnricherOptions,
} from '../src';
import { offeredCategoryIds, replies, schemaOf, startFakeOpenAi, type FakeOpenAi } from '@bodega/testing/fake-openai';
import { taxonomyNodes } from './support/taxonomy';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = createLogger('ai-test', 'silent');
const DOG_BEDS = 4434;

let fake: FakeOpenAi;
let redis: Redis;
beforeAll(async () => {
  faker.seed(6006);
  fake = await startFakeOpenAi();
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});
afterEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  await redis.quit();
});

function openai(overrides: Partial<ConstructorParameters<typeof OpenAiProvider>[0]> = {}) {
  return new OpenAiProvider({
    apiKey: 'test-key',
    baseURL: fake.url,
    model: 'gpt-test',
    embeddingModel: 'embed-test',
    timeoutMs: 1_000,
    retry: { retries: 0 },
    log,
    ...overrides,
  });
}

function enricher(options: Partial<EnricherOptions> = {}): Enricher {
  return new Enricher({ provider: openai(), taxonomy: async () => taxonomyNodes(), log, ...options });
}

const dogBed = () => ({ name: `${faker.commerce.productAdjective()} Dog Bed`, keywords: ['dog', 'washable cover'] });

describe('one structured call', () => {
  it('asks for the description and the category together and saves what the model chose', async () => {
    const product = dogBed();

    const outcome = await enricher().enrich(product);

    expect(fake.chatRequests()).toHaveLength(1);
    const [request] = fake.chatRequests();
    expect(schemaOf(request!)).toMatchObject({ required: ['description', 'categoryId'], additionalProperties: false });
    expect(offeredCategoryIds(request!)).toContain(String(DOG_BEDS));
    expect(outcome).toMatchObject({
      status: 'COMPLETE',
      source: 'OPENAI',
      description: `${product.name}: a fake model's description.`,
      categoryId: Number(offeredCategoryIds(request!)[0]),
      error: null,
      cached: false,
    });
  });

  it('offers only shortlisted taxonomy categories, the likeliest first', async () => {
    await enricher().enrich({ name: 'Orthopaedic Dog Bed', keywords: ['dog', 'memory foam'] });

    const offered = offeredCategoryIds(fake.chatRequests()[0]!);
    expect(offered[0]).toBe(String(DOG_BEDS));
    expect(offered.length).toBeLessThanOrEqual(15);
  });

  it('asks only for the category when the manager wrote the description, and shows the model that description', async () => {
    const outcome = await enricher().enrich({ ...dogBed(), description: 'Our softest bed.' });

    const [request] = fake.chatRequests();
    expect(schemaOf(request!).required).toEqual(['categoryId']);
    expect(request!.body.messages[1].content).toContain("Description (the manager's, keep it): Our softest bed.");
    expect(outcome).toMatchObject({ status: 'COMPLETE', description: null, categoryId: expect.any(Number) });
  });

  it('asks only for the description when the manager chose the category', async () => {
    const outcome = await enricher().enrich({ ...dogBed(), categoryId: DOG_BEDS });

    const [request] = fake.chatRequests();
    expect(schemaOf(request!).required).toEqual(['description']);
    expect(request!.body.messages[1].content).toContain('Category (the manager\'s, keep it): Animals & Pet Supplies > Pet Supplies > Dog Supplies > Dog Beds');
    expect(outcome).toMatchObject({ status: 'COMPLETE', description: expect.any(String), categoryId: null });
  });

  it('asks nothing when the manager gave both: SKIPPED, MANUAL', async () => {
    const outcome = await enricher().enrich({ ...dogBed(), description: 'Soft.', categoryId: DOG_BEDS });

    expect(outcome).toMatchObject({ status: 'SKIPPED', source: 'MANUAL', description: null, categoryId: null, error: null });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('checking the answer', () => {
  it('rejects a category that was not offered and keeps the description: PARTIAL with the reason', async () => {
    fake.enqueue(replies.answer({ description: 'A bed for dogs.', categoryId: '999999' }));

    const outcome = await enricher().enrich(dogBed());

    expect(outcome).toMatchObject({ status: 'PARTIAL', source: 'OPENAI', description: 'A bed for dogs.', categoryId: null });
    expect(outcome.error).toBe('The category "999999" is not one of the 15 taxonomy categories offered; it was rejected.');
  });

  it('rejects a category that is not an id at all', async () => {
    fake.enqueue(replies.answer({ description: 'A bed for dogs.', categoryId: 'Dog Beds' }));

    const outcome = await enricher().enrich(dogBed());

    expect(outcome).toMatchObject({ status: 'PARTIAL', categoryId: null });
    expect(outcome.error).toContain('"Dog Beds" is not one of');
  });

  it('is FAILED with the reason when the answer is not JSON', async () => {
    fake.enqueue(replies.content('I think this is a dog bed!'));

    const outcome = await enricher().enrich(dogBed());

    expect(outcome).toMatchObject({ status: 'FAILED', source: 'OPENAI', description: null, categoryId: null });
    expect(outcome.error).toMatch(/^The model’s answer was not JSON/);
  });

  it('is FAILED when only the category was wanted and the model made one up', async () => {
    fake.enqueue(replies.answer({ categoryId: '12' }));

    const outcome = await enricher().enrich({ ...dogBed(), description: 'Soft.' });

    expect(outcome).toMatchObject({ status: 'FAILED', categoryId: null });
  });

  it('is PARTIAL when the model says no offered category fits', async () => {
    fake.enqueue(replies.answer({ description: 'Something.', categoryId: null }));

    const outcome = await enricher().enrich(dogBed());

    expect(outcome).toMatchObject({ status: 'PARTIAL', description: 'Something.', categoryId: null });
    expect(outcome.error).toContain('No shortlisted category fits');
  });
});

describe('when the provider fails', () => {
  it('is FAILED with the provider’s reason, never throwing', async () => {
    fake.setFallback(replies.status(500, { message: 'upstream exploded' }));

    const outcome = await enricher().enrich(dogBed());

    expect(outcome).toMatchObject({ status: 'FAILED', source: 'OPENAI', description: null, categoryId: null });
    expect(outcome.error).toMatch(/failed \(500\): .*upstream exploded/);
  });

  it('says the circuit is open once the provider kept failing, without calling it', async () => {
    fake.setFallback(replies.status(503));
    const flaky = enricher({ provider: openai({ breaker: { failureThreshold: 2 } }) });
    await flaky.enrich(dogBed());
    await flaky.enrich(dogBed());

    const outcome = await flaky.enrich(dogBed());

    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toContain('calls are paused');
    expect(fake.requests).toHaveLength(2);
  });

  it('lets the local provider write it instead when configured, and says why', async () => {
    fake.setFallback(replies.status(500));

    const outcome = await enricher({ fallback: createLocalProvider() }).enrich({ name: 'Orthopaedic Dog Bed', keywords: ['dog'] });

    expect(outcome).toMatchObject({ status: 'COMPLETE', source: 'LOCAL', categoryId: DOG_BEDS, description: expect.stringContaining('Orthopaedic Dog Bed') });
    expect(outcome.error).toMatch(/^openai failed \(.*500.*\); the local provider wrote it instead\.$/);
  });
});

describe('cache', () => {
  it('answers the same product twice with one model call', async () => {
    const cache = new MemoryAnswerCache();
    const product = dogBed();
    const enrich = enricher({ cache });

    const first = await enrich.enrich(product);
    const second = await enrich.enrich(product);

    expect(fake.chatRequests()).toHaveLength(1);
    expect(second).toMatchObject({ status: 'COMPLETE', cached: true, description: first.description, categoryId: first.categoryId });
    expect(second.timings.providerMs).toBe(0);
  });

  it('shares one model call between identical requests in flight at once', async () => {
    fake.setFallback(replies.delayed(100));
    const product = dogBed();
    const enrich = enricher({ cache: new MemoryAnswerCache() });

    const outcomes = await Promise.all([enrich.enrich(product), enrich.enrich(product), enrich.enrich(product)]);

    expect(fake.chatRequests()).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.description)).size).toBe(1);
  });

  it('keys answers by the product’s text, the manager’s fields and the model', async () => {
    const cache = new MemoryAnswerCache();
    const product = dogBed();

    await enricher({ cache }).enrich(product);
    await enricher({ cache }).enrich({ ...product, keywords: ['dog'] });
    await enricher({ cache }).enrich({ ...product, description: 'Given.' });
    await enricher({ cache, provider: openai({ model: 'gpt-other' }) }).enrich(product);
    await enricher({ cache }).enrich(product);

    expect(fake.chatRequests()).toHaveLength(4);
  });

  it('does not cache a failed or partial answer, so a retry asks again', async () => {
    const cache = new MemoryAnswerCache();
    const product = dogBed();
    fake.enqueue(replies.status(500), replies.answer({ description: 'x', categoryId: '1' }));

    await enricher({ cache }).enrich(product);
    await enricher({ cache }).enrich(product);
    const third = await enricher({ cache }).enrich(product);

    expect(third).toMatchObject({ status: 'COMPLETE', cached: false });
    expect(fake.chatRequests()).toHaveLength(3);
  });

  it('shares answers through Redis between processes', async () => {
    const prefix = `bodega:test:ai:${randomBytes(4).toString('hex')}:`;
    const product = dogBed();

    const first = await enricher({ cache: new RedisAnswerCache(redis, { prefix }) }).enrich(product);
    const other = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const second = await enricher({ cache: new RedisAnswerCache(other, { prefix }) }).enrich(product);
      expect(second).toMatchObject({ cached: true, description: first.description, categoryId: first.categoryId });
      expect(fake.chatRequests()).toHaveLength(1);
      expect(await redis.ttl(`${prefix}${(await redis.keys(`${prefix}*`))[0]!.slice(prefix.length)}`)).toBeGreaterThan(6 * 24 * 3600);
    } finally {
      await redis.del(...(await redis.keys(`${prefix}*`)));
      await other.quit();
    }
  });

  it('asks again when a cached category is no longer in the taxonomy', async () => {
    const cache = new MemoryAnswerCache();
    const product = dogBed();
    const first = await enricher({ cache }).enrich(product);
    const withoutIt = taxonomyNodes().filter((node) => node.id !== first.categoryId);

    const second = await enricher({ cache, taxonomy: async () => withoutIt }).enrich(product);

    expect(second.cached).toBe(false);
    expect(second.categoryId).not.toBe(first.categoryId);
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('still enriches when the cache cannot be reached', async () => {
    const broken: AnswerCache = {
      kind: 'redis',
      get: () => Promise.reject(new Error('ECONNREFUSED')),
      set: () => Promise.reject(new Error('ECONNREFUSED')),
    };

    const outcome = await enricher({ cache: broken }).enrich(dogBed());

    expect(outcome).toMatchObject({ status: 'COMPLETE', cached: false });
  });
});

describe('confidence with a model', () => {
  it('fills confidence, suggestions and needs-review from the shortlist and the model’s choice', async () => {
    const outcome = await enricher().enrich({ name: 'Orthopaedic Dog Bed', keywords: ['dog', 'memory foam'] });

    expect(outcome).toMatchObject({ status: 'COMPLETE', source: 'OPENAI', categoryId: DOG_BEDS, needsReview: false });
    expect(outcome.confidence).toBeGreaterThan(0.9);
    expect(outcome.suggestions[0]).toEqual({ categoryId: DOG_BEDS, score: outcome.confidence });
    expect(outcome.generated).toEqual({ description: true, category: true });
  });

  it('rejects a description that quotes the taxonomy path: PARTIAL with the reason', async () => {
    fake.enqueue((request) =>
      replies.answer({ description: 'A bed. Animals & Pet Supplies > Pet Supplies > Dog Supplies > Dog Beds.', categoryId: offeredCategoryIds(request)[0] })(request),
    );

    const outcome = await enricher().enrich({ name: 'Orthopaedic Dog Bed', keywords: ['dog'] });

    expect(outcome).toMatchObject({ status: 'PARTIAL', description: null, categoryId: DOG_BEDS, generated: { description: false, category: true } });
    expect(outcome.error).toContain('quoted the category path');
  });

  it('asks the provider again when told to, even with the answer cached', async () => {
    const cache = new MemoryAnswerCache();
    const enrich = enricher({ cache });
    await enrich.enrich(dogBed());

    await enrich.enrich({ name: 'Soft Dog Bed', keywords: ['dog', 'washable cover'] }, { fresh: true });
    await enrich.enrich({ name: 'Soft Dog Bed', keywords: ['dog', 'washable cover'] }, { fresh: true });

    expect(fake.chatRequests()).toHaveLength(3);
  });
});

describe('the local provider', () => {
  it('writes an honest description and a taxonomy category with no network', async () => {
    const outcome = await enricher({ provider: createLocalProvider() }).enrich({
      name: 'Orthopaedic Dog Bed, Large',
      keywords: ['dog', 'memory foam', 'washable cover'],
    });

    expect(outcome).toMatchObject({ status: 'COMPLETE', source: 'LOCAL', categoryId: DOG_BEDS, error: null });
    expect(outcome.description).toBe('Orthopaedic Dog Bed, Large. From our Dog Beds range. Highlights: dog, memory foam and washable cover.');
    expect(fake.requests).toHaveLength(0);
  });

  it('writes product copy, never the taxonomy path', async () => {
    const outcome = await enricher({ provider: createLocalProvider() }).enrich({ name: 'Non-stick frying pan 28 cm', keywords: ['induction'] });
    const path = taxonomyNodes().find((n) => n.id === outcome.categoryId)!.path;

    expect(outcome.description).not.toContain(' > ');
    expect(outcome.description).not.toContain(' › ');
    for (const ancestor of path.split(' > ').slice(0, -1)) expect(outcome.description).not.toContain(ancestor);
  });

  it('adds no fact the manager did not give: every word of its description is from the name, keywords or category name', async () => {
    const outcome = await enricher({ provider: createLocalProvider() }).enrich({ name: 'Brass Padlock 40 mm', keywords: ['lock'] });
    const allowed = new Set(
      `Brass Padlock 40 mm lock from our range highlights ${outcome.categoryId ? taxonomyNodes().find((n) => n.id === outcome.categoryId)!.name : ''}`
        .toLowerCase()
        .split(/[^a-z0-9]+/),
    );

    const words = outcome.description!.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    expect(words.filter((word) => !allowed.has(word))).toEqual([]);
  });

  it('leaves the category empty when no category name matches, rather than guessing: PARTIAL', async () => {
    const outcome = await enricher({ provider: createLocalProvider() }).enrich({ name: 'Zyxqv 3000', keywords: [] });

    expect(outcome).toMatchObject({ status: 'PARTIAL', source: 'LOCAL', categoryId: null, description: 'Zyxqv 3000.' });
    expect(outcome.error).toContain('No shortlisted category fits');
  });
});
