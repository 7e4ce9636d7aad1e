import { aiEnv, createAi } from '@bodega/ai';
import { readEnv } from '@bodega/config';
import { replies, startFakeOpenAi, type FakeOpenAi } from '@bodega/testing/fake-openai';
import { categoriesFrom } from '@bodega/products';
import { contractOperation, startStack, type Stack } from './support/stack';

interface Created {
  id: string;
  name: string;
  description: string | null;
  category: { id: string; name: string; path: string } | null;
  enrichment: { status: string; source: string };
}

const CREATE = contractOperation('CreateProduct');
const REGENERATE = 'mutation ($id: ID!) { regenerateEnrichment(productId: $id) { id description category { id } enrichment { status source error } } }';
const DOG_BEDS = { id: '4434', name: 'Dog Beds', path: 'Animals & Pet Supplies > Pet Supplies > Dog Supplies > Dog Beds' };

async function create(stack: Stack, input: Record<string, unknown>): Promise<Created> {
  const response = await stack.request<{ createProduct: Created }>(CREATE, { input });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.createProduct;
}

describe('CreateProduct through the gateway, with no API key', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack.close());

  it('returns a description and a taxonomy category written by the local provider: COMPLETE, LOCAL', async () => {
    const product = await create(stack, { name: 'Orthopaedic Dog Bed, Large', keywords: ['dog', 'washable cover'], stock: 6 });

    expect(product).toMatchObject({
      description: 'Orthopaedic Dog Bed, Large. From our Dog Beds range. Highlights: dog and washable cover.',
      category: DOG_BEDS,
      enrichment: { status: 'COMPLETE', source: 'LOCAL' },
    });
  });
});

describe('CreateProduct through the gateway, with an OpenAI-compatible server', () => {
  let stack: Stack;
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    const env = readEnv(aiEnv, { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.url, AI_MAX_RETRIES: '0', AI_BREAKER_FAILURES: '2' });
    stack = await startStack({ enricher: (prisma, log) => createAi(env, { taxonomy: categoriesFrom(prisma), log }).enricher });
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await stack.close();
    await fake.close();
  });

  it('returns what the model wrote: COMPLETE, OPENAI', async () => {
    const product = await create(stack, { name: 'Orthopaedic Dog Bed', keywords: ['dog'], stock: 6 });

    expect(product).toMatchObject({
      description: "Orthopaedic Dog Bed: a fake model's description.",
      category: DOG_BEDS,
      enrichment: { status: 'COMPLETE', source: 'OPENAI' },
    });
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('saves the product as FAILED while the provider is down, and regenerateEnrichment completes it later', async () => {
    fake.setFallback(replies.status(500));
    const failed = await create(stack, { name: 'Memory Foam Dog Bed', keywords: ['dog'], stock: 2 });
    expect(failed).toMatchObject({ name: 'Memory Foam Dog Bed', description: null, category: null, enrichment: { status: 'FAILED', source: 'OPENAI' } });

    fake.reset();
    const response = await stack.request<{ regenerateEnrichment: Created & { enrichment: { error: string | null } } }>(REGENERATE, { id: failed.id });

    expect(response.body.data?.regenerateEnrichment).toMatchObject({
      id: failed.id,
      description: "Memory Foam Dog Bed: a fake model's description.",
      category: { id: DOG_BEDS.id },
      enrichment: { status: 'COMPLETE', source: 'OPENAI', error: null },
    });
  });
});
