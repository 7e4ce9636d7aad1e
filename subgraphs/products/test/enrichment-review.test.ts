import { aiEnv, createAi } from '@bodega/ai';
import { readEnv } from '@bodega/config';
import { offeredCategoryIds, replies, type FakeOpenAi } from '@bodega/testing/fake-openai';
import { categoriesFrom } from '../src/enricher';
import type { Harness } from './harness';
import { withFakeOpenAi } from './with-fake-openai';

const FIELDS = `id name description category { id name }
  enrichment { status source confidence needsReview descriptionGenerated categoryGenerated
    categorySuggestions { category { id name path } score } }
  categorySuggestions { category { id } score }`;
const CREATE = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { ${FIELDS} } }`;
const REGENERATE = `mutation ($id: ID!) { regenerateEnrichment(productId: $id) { ${FIELDS} } }`;
const LIST = `query ($filter: ProductFilter) { products(first: 100, filter: $filter) { totalCount edges { node { id enrichment { needsReview } } } } }`;

const TEA = '2073';
const SHOES = '187';
const COFFEE = '1868';
const NOTEBOOKS = '961';

let h: Harness;
let fake: FakeOpenAi;
withFakeOpenAi(1616, (started) => ({ h, fake } = started));

function useOpenAi() {
  const env = readEnv(aiEnv, { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.url, AI_TIMEOUT_MS: '2000', AI_MAX_RETRIES: '0' });
  h.deps.enricher = createAi(env, { taxonomy: categoriesFrom(h.prisma), log: h.deps.log }).enricher;
}

async function run(query: string, variables: Record<string, unknown>) {
  const result = await h.run(query, variables);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as any;
}

const create = (input: Record<string, unknown>) => run(CREATE, { input: { stock: 1, ...input } });

describe('the offline categoriser on everyday products', () => {
  it.each([
    ['Organic green tea 100 bags', TEA],
    ["Men's leather hiking boots", SHOES],
    ['Espresso coffee beans 1 kg', COFFEE],
    ['Keyboard-only notebook A5', NOTEBOOKS],
  ])('puts "%s" in a sensible category', async (name, categoryId) => {
    const product = await create({ name });

    expect(product.category.id).toBe(categoryId);
  });
});

describe('confidence and suggestions', () => {
  it('says how sure it is of a generated category and offers the three likeliest, the chosen one first', async () => {
    const product = await create({ name: 'Organic green tea 100 bags', keywords: ['sencha', 'tea bags'] });
    const { enrichment } = product;

    expect(enrichment.confidence).toBeGreaterThan(0.9);
    expect(enrichment.confidence).toBeLessThanOrEqual(1);
    expect(enrichment.needsReview).toBe(false);
    expect(enrichment.categorySuggestions).toHaveLength(3);
    expect(enrichment.categorySuggestions[0]).toEqual({ category: expect.objectContaining({ id: TEA }), score: enrichment.confidence });
    const scores = enrichment.categorySuggestions.map((s: { score: number }) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.reduce((sum: number, score: number) => sum + score, 0)).toBeLessThanOrEqual(1.001);
    expect(product.categorySuggestions.map((s: { category: { id: string } }) => s.category.id)).toEqual(
      enrichment.categorySuggestions.map((s: { category: { id: string } }) => s.category.id),
    );
  });

  it('records which fields it generated', async () => {
    const both = await create({ name: 'Ceramic coffee mug 350 ml' });
    const categoryOnly = await create({ name: 'Ceramic coffee mug 350 ml', description: 'Handmade.' });

    expect(both.enrichment).toMatchObject({ descriptionGenerated: true, categoryGenerated: true });
    expect(categoryOnly.enrichment).toMatchObject({ descriptionGenerated: false, categoryGenerated: true });
  });

  it('has no confidence and marks nothing for review when the manager gave the category', async () => {
    const product = await create({ name: 'Trail runner', categoryId: SHOES });

    expect(product.enrichment).toMatchObject({ confidence: null, needsReview: false, categoryGenerated: false, categorySuggestions: [] });
  });

  it('marks a product for review when no category fits, and when it is unsure', async () => {
    const none = await create({ name: 'Zyxqv 3000' });
    const unsure = await create({ name: 'Handmade sock monkey' });

    expect(none.enrichment).toMatchObject({ confidence: null, needsReview: true });
    expect(unsure.enrichment.confidence).toBeLessThan(0.94);
    expect(unsure.enrichment.needsReview).toBe(true);
  });

  it('lists the products that need review, and the rest', async () => {
    const flagged = await create({ name: 'Qwertz 12' });
    const clear = await create({ name: 'Stainless steel saucepan 18 cm with lid', keywords: ['induction'] });

    const needing = await run(LIST, { filter: { needsReview: true } });
    const rest = await run(LIST, { filter: { needsReview: false } });

    const ids = (page: any) => page.edges.map((edge: any) => edge.node.id);
    expect(ids(needing)).toContain(flagged.id);
    expect(ids(needing)).not.toContain(clear.id);
    expect(ids(rest)).toContain(clear.id);
    expect(needing.edges.every((edge: any) => edge.node.enrichment.needsReview)).toBe(true);
    expect(rest.edges.every((edge: any) => !edge.node.enrichment.needsReview)).toBe(true);
    expect(needing.totalCount + rest.totalCount).toBe((await run(LIST, {})).totalCount);
  });

  it('refuses a needsReview filter that is not a boolean', async () => {
    const result = await h.run(LIST, { filter: { needsReview: 'yes' } });

    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('fills the same fields from the shortlist and the model’s choice, trusting a model that agrees more', async () => {
    useOpenAi();
    const agreeing = await create({ name: 'Organic green tea, 40 bags', keywords: ['tea'] });
    fake.setFallback((request) => replies.answer({ description: 'Tea.', categoryId: offeredCategoryIds(request).at(-1) })(request));
    const disagreeing = await create({ name: 'Organic green tea, 60 bags', keywords: ['tea'] });

    expect(agreeing).toMatchObject({ category: { id: TEA }, enrichment: { source: 'OPENAI', categoryGenerated: true } });
    expect(agreeing.enrichment.categorySuggestions[0].category.id).toBe(TEA);
    expect(disagreeing.category.id).not.toBe(TEA);
    expect(disagreeing.enrichment.confidence).toBeLessThan(agreeing.enrichment.confidence);
    expect(disagreeing.enrichment.needsReview).toBe(true);
    expect(disagreeing.enrichment.categorySuggestions.map((s: any) => s.category.id)).toContain(TEA);
  });
});

describe('a person’s category and generated descriptions', () => {
  it('clears the review mark and the confidence when a person sets the category', async () => {
    const product = await create({ name: 'Handmade sock monkey' });

    const updated = await run(UPDATE, { id: product.id, input: { categoryId: '1259' } });

    expect(updated).toMatchObject({ category: { id: '1259' }, enrichment: { needsReview: false, confidence: null, categoryGenerated: false } });
  });

  it('rewrites a generated description no one edited for the new category', async () => {
    const product = await create({ name: 'Plush bunny 30 cm', keywords: ['soft toy'] });
    expect(product.description).toContain(product.category.name);

    const updated = await run(UPDATE, { id: product.id, input: { categoryId: '1253' } });

    expect(updated.description).toBe('Plush bunny 30 cm. From our Toys range. Highlights: soft toy.');
    expect(updated.enrichment.descriptionGenerated).toBe(true);
  });

  it('never touches a description a person edited', async () => {
    const product = await create({ name: 'Plush bunny 30 cm', keywords: ['soft toy'] });
    await run(UPDATE, { id: product.id, input: { description: 'Our softest bunny.' } });

    const updated = await run(UPDATE, { id: product.id, input: { categoryId: '1253' } });

    expect(updated).toMatchObject({ description: 'Our softest bunny.', enrichment: { descriptionGenerated: false } });
  });

  it('lets regenerateEnrichment replace generated fields, never a person’s', async () => {
    useOpenAi();
    fake.setFallback(replies.goodEnrichment(() => 'The first words.'));
    const generated = await create({ name: 'Wool scarf 180 cm' });
    const handWritten = await create({ name: 'Wool scarf 200 cm', description: 'The manager’s words.' });
    fake.setFallback(replies.goodEnrichment(() => 'The second words.'));

    const regenerated = await run(REGENERATE, { id: generated.id });
    const kept = await run(REGENERATE, { id: handWritten.id });

    expect(regenerated).toMatchObject({ description: 'The second words.', enrichment: { descriptionGenerated: true, categoryGenerated: true } });
    expect(kept.description).toBe('The manager’s words.');
  });
});
