import { faker } from '@faker-js/faker';
import { aiEnv, createAi, createLocalProvider, Enricher } from '@bodega/ai';
import { readEnv } from '@bodega/config';
import { offeredCategoryIds, replies, schemaOf, type FakeOpenAi } from '@bodega/testing/fake-openai';
import { bearer } from '@bodega/testing/auth';
import { contractOperation } from '@bodega/testing/stack';
import { categoriesFrom } from '../src/enricher';
import type { Harness } from './harness';
import { withFakeOpenAi } from './with-fake-openai';

const CREATE = contractOperation('CreateProduct');
const REGENERATE = `mutation ($id: ID!) {
  regenerateEnrichment(productId: $id) { id name description category { id } enrichment { status source error } }
}`;
const UPDATE = 'mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }';
const DOG_BEDS = '4434';

let h: Harness;
let fake: FakeOpenAi;
withFakeOpenAi(6060, (started) => ({ h, fake } = started));

/** Configures the subgraph as the environment would: OpenAI at the fake server, quick to give up. */
function useOpenAi(vars: Record<string, string> = {}) {
  const env = readEnv(aiEnv, {
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: fake.url,
    AI_TIMEOUT_MS: '2000',
    AI_MAX_RETRIES: '0',
    ...vars,
  });
  const ai = createAi(env, { taxonomy: categoriesFrom(h.prisma), log: h.deps.log });
  h.deps.enricher = ai.enricher;
  return ai;
}

async function create(input: Record<string, unknown>) {
  const result = await h.run(CREATE, { input });
  expect(result.errors).toBeUndefined();
  return result.data!.createProduct;
}

const stored = (id: string) => h.prisma.product.findUniqueOrThrow({ where: { id } });

describe('with no API key (the local provider)', () => {
  it('answers CreateProduct with a description and a taxonomy category: COMPLETE, LOCAL', async () => {
    const product = await create({ name: 'Orthopaedic Dog Bed, Large', keywords: ['dog', 'memory foam'], stock: 4 });

    expect(product).toMatchObject({
      description: expect.stringContaining('Orthopaedic Dog Bed, Large'),
      category: { id: DOG_BEDS, name: 'Dog Beds', path: 'Animals & Pet Supplies > Pet Supplies > Dog Supplies > Dog Beds' },
      enrichment: { status: 'COMPLETE', source: 'LOCAL' },
    });
    expect(await stored(product.id)).toMatchObject({ categoryId: 4434, enrichmentError: null });
  });

  it('keeps the manager’s description word for word and generates only the category', async () => {
    const description = faker.commerce.productDescription();

    const product = await create({ name: 'Stainless Steel Chef’s Knife', keywords: ['kitchen'], stock: 3, description });

    expect(product).toMatchObject({ description, category: { name: 'Kitchen Knives' }, enrichment: { status: 'COMPLETE', source: 'LOCAL' } });
  });

  it('keeps the manager’s category and generates only the description', async () => {
    const product = await create({ name: 'Trail Runner', keywords: ['running'], stock: 3, categoryId: '187' });

    expect(product).toMatchObject({
      category: { id: '187' },
      description: 'Trail Runner. From our Shoes range. Highlights: running.',
      enrichment: { status: 'COMPLETE', source: 'LOCAL' },
    });
  });

  it('saves the product with FAILED when enrichment breaks unexpectedly (the taxonomy cannot load)', async () => {
    h.deps.enricher = new Enricher({ provider: createLocalProvider(), taxonomy: () => Promise.reject(new Error('categories unreadable')), log: h.deps.log });

    const product = await create({ name: 'Orthopaedic Dog Bed', keywords: ['dog'], stock: 4 });

    expect(product).toMatchObject({ name: 'Orthopaedic Dog Bed', stock: 4, description: null, category: null, enrichment: { status: 'FAILED', source: 'LOCAL' } });
    expect((await stored(product.id)).enrichmentError).toContain('failed unexpectedly; try regenerateEnrichment later');
  });

  it('saves no category rather than a guess when no category name matches: PARTIAL with the reason', async () => {
    const product = await create({ name: 'Qwxz 9000', stock: 1 });

    expect(product).toMatchObject({ category: null, enrichment: { status: 'PARTIAL', source: 'LOCAL' } });
    expect((await stored(product.id)).enrichmentError).toContain('No shortlisted category fits');
  });
});

describe('with an OpenAI-compatible server', () => {
  it('answers CreateProduct with what the model wrote, from one call: COMPLETE, OPENAI', async () => {
    useOpenAi();

    const product = await create({ name: 'Orthopaedic Dog Bed', keywords: ['dog'], stock: 4 });

    expect(fake.chatRequests()).toHaveLength(1);
    expect(schemaOf(fake.chatRequests()[0]!).required).toEqual(['description', 'categoryId']);
    expect(product).toMatchObject({
      description: "Orthopaedic Dog Bed: a fake model's description.",
      category: { id: offeredCategoryIds(fake.chatRequests()[0]!)[0] },
      enrichment: { status: 'COMPLETE', source: 'OPENAI' },
    });
  });

  it('costs one model call for the same product created twice', async () => {
    useOpenAi();
    const input = { name: faker.commerce.productName(), keywords: ['gift'], stock: 2 };

    const first = await create(input);
    const second = await create(input);

    expect(fake.chatRequests()).toHaveLength(1);
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ description: first.description, category: first.category, enrichment: { status: 'COMPLETE', source: 'OPENAI' } });
  });

  it('waits out a 429 retry-after and completes', async () => {
    useOpenAi({ AI_MAX_RETRIES: '1' });
    fake.enqueue(replies.status(429, { message: 'Rate limit reached' }, { 'retry-after': '1' }));

    const product = await create({ name: 'Ceramic Mug', stock: 5 });

    expect(product.enrichment).toEqual({ status: 'COMPLETE', source: 'OPENAI' });
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('saves every field of the manager’s input with FAILED and the reason when the provider fails', async () => {
    useOpenAi();
    fake.setFallback(replies.status(500, { message: 'upstream exploded' }));
    const input = {
      name: 'Cast Iron Pan',
      keywords: ['kitchen', 'cookware'],
      stock: 12,
      lowStockThreshold: 3,
      price: { amount: '39.90', currencyCode: 'EUR' },
    };

    const product = await create(input);

    expect(product).toMatchObject({ ...input, description: null, category: null, enrichment: { status: 'FAILED', source: 'OPENAI' } });
    expect((await stored(product.id)).enrichmentError).toMatch(/failed \(500\): .*upstream exploded/);
  });

  it('saves FAILED when the provider does not answer in time', async () => {
    useOpenAi({ AI_TIMEOUT_MS: '300' });
    fake.setFallback(replies.delayed(3_000));

    const product = await create({ name: 'Slow Kettle', stock: 1 });

    expect(product.enrichment).toEqual({ status: 'FAILED', source: 'OPENAI' });
    expect((await stored(product.id)).enrichmentError).toContain('did not answer within 0.3 s');
  });

  it('saves FAILED without calling the provider once 5 failures opened the breaker', async () => {
    useOpenAi();
    fake.setFallback(replies.status(503));
    for (let i = 0; i < 5; i++) await create({ name: `Lamp ${i}`, stock: 1 });

    const product = await create({ name: 'Lamp 6', stock: 1 });

    expect(fake.chatRequests()).toHaveLength(5);
    expect(product.enrichment).toEqual({ status: 'FAILED', source: 'OPENAI' });
    expect((await stored(product.id)).enrichmentError).toContain('calls are paused');
  });

  it('saves the description but no category when the model invents one: PARTIAL with the reason', async () => {
    useOpenAi();
    fake.enqueue(replies.answer({ description: 'A warm wool scarf.', categoryId: '31337' }));

    const product = await create({ name: 'Wool Scarf', stock: 1 });

    expect(product).toMatchObject({ description: 'A warm wool scarf.', category: null, enrichment: { status: 'PARTIAL', source: 'OPENAI' } });
    expect((await stored(product.id)).enrichmentError).toContain('"31337" is not one of');
  });

  it('saves FAILED with the reason when the answer is malformed', async () => {
    useOpenAi();
    fake.enqueue(replies.content('{"description": "unterminated'));

    const product = await create({ name: 'Wool Scarf', keywords: ['winter'], stock: 1 });

    expect(product).toMatchObject({ description: null, category: null, enrichment: { status: 'FAILED', source: 'OPENAI' } });
    expect((await stored(product.id)).enrichmentError).toContain('not JSON');
  });

  it('lets the local provider write it when AI_FALLBACK=local, and says why', async () => {
    useOpenAi({ AI_FALLBACK: 'local' });
    fake.setFallback(replies.status(500));

    const product = await create({ name: 'Orthopaedic Dog Bed', keywords: ['dog'], stock: 1 });

    expect(product).toMatchObject({ category: { id: DOG_BEDS }, enrichment: { status: 'COMPLETE', source: 'LOCAL' } });
    expect((await stored(product.id)).enrichmentError).toMatch(/^openai failed .*; the local provider wrote it instead\.$/);
  });
});

describe('regenerateEnrichment', () => {
  it('fills in what a FAILED product lacks once the provider is back, keeping the manager’s fields', async () => {
    useOpenAi();
    fake.setFallback(replies.status(500));
    const failed = await create({ name: 'Orthopaedic Dog Bed', keywords: ['dog'], stock: 1, description: 'The manager’s words.' });
    expect(failed.enrichment.status).toBe('FAILED');
    fake.reset();

    const result = await h.run(REGENERATE, { id: failed.id });

    expect(result.errors).toBeUndefined();
    expect(result.data?.regenerateEnrichment).toMatchObject({
      description: 'The manager’s words.',
      category: { id: DOG_BEDS },
      enrichment: { status: 'COMPLETE', source: 'OPENAI', error: null },
    });
    expect(schemaOf(fake.chatRequests()[0]!).required).toEqual(['categoryId']);
  });

  it('returns a product that lacks nothing as it is, without asking a model', async () => {
    useOpenAi();
    const product = await create({ name: 'Lantern', stock: 1, description: 'Bright.', categoryId: '187' });

    const result = await h.run(REGENERATE, { id: product.id });

    expect(result.data?.regenerateEnrichment).toMatchObject({ description: 'Bright.', category: { id: '187' }, enrichment: { status: 'SKIPPED', source: 'MANUAL' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps a description the manager saved while the model was still answering', async () => {
    useOpenAi();
    fake.setFallback(replies.status(500));
    const failed = await create({ name: 'Orthopaedic Dog Bed', keywords: ['dog'], stock: 1 });
    fake.reset();
    fake.setFallback(replies.delayed(300));

    const regenerating = h.run(REGENERATE, { id: failed.id });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await h.run(UPDATE, { id: failed.id, input: { description: 'Written by hand meanwhile.' } });
    const result = await regenerating;

    expect(result.data?.regenerateEnrichment).toMatchObject({ description: 'Written by hand meanwhile.', category: { id: DOG_BEDS } });
  });

  it.each([
    ['an anonymous caller', null, 'UNAUTHENTICATED'],
    ['a customer', 'CUSTOMER', 'FORBIDDEN'],
  ] as const)('refuses %s', async (_who, role, code) => {
    const product = await create({ name: 'Guarded Bowl', stock: 1 });

    const result = await h.run(REGENERATE, { id: product.id }, role ? await bearer(role) : null);

    expect(result.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('answers NOT_FOUND for an unknown product', async () => {
    const result = await h.run(REGENERATE, { id: faker.string.uuid() });

    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('completing a product by hand', () => {
  const SELECTION = 'mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { enrichment { status source error } } }';

  it('turns a FAILED enrichment the manager completed into COMPLETE, MANUAL', async () => {
    const product = await h.prisma.product.create({
      data: { name: faker.commerce.productName(), stock: 1, enrichmentStatus: 'FAILED', enrichmentSource: 'OPENAI', enrichmentError: 'timed out' },
    });
    const halfway = await h.run(SELECTION, { id: product.id, input: { description: 'Hand-written.' } });
    expect(halfway.data?.updateProduct.enrichment).toEqual({ status: 'FAILED', source: 'OPENAI', error: 'timed out' });
    const done = await h.run(SELECTION, { id: product.id, input: { categoryId: DOG_BEDS } });
    expect(done.data?.updateProduct.enrichment).toEqual({ status: 'COMPLETE', source: 'MANUAL', error: null });
  });

  it('keeps the provider as the source of a PARTIAL enrichment the manager completed', async () => {
    const product = await h.prisma.product.create({
      data: {
        name: faker.commerce.productName(),
        description: 'Written by the model.',
        stock: 1,
        enrichmentStatus: 'PARTIAL',
        enrichmentSource: 'OPENAI',
        enrichmentError: 'the model named no category',
      },
    });
    const done = await h.run(SELECTION, { id: product.id, input: { categoryId: DOG_BEDS } });
    expect(done.data?.updateProduct.enrichment).toEqual({ status: 'COMPLETE', source: 'OPENAI', error: null });
  });
});
