import { faker } from '@faker-js/faker';
import type { ApolloServer } from '@apollo/server';
import { bearer, testInternal, testTokens } from '@bodega/testing/auth';
import { createContext, type Context, type Deps } from '../src/context';
import { createApollo } from '../src/server';
import { ingestDocument } from '../src/services/documents';
import { startRagHarness, type RagHarness } from './support';

let h: RagHarness;
let deps: Deps;
let apollo: ApolloServer<Context>;

beforeAll(async () => {
  h = await startRagHarness();
  deps = { ...h.runtime.deps, tokens: testTokens, internal: testInternal };
  apollo = createApollo(deps);
  await apollo.start();
});
afterAll(async () => {
  await apollo.stop();
  await h.close();
});

/** Runs an operation in-process as the gateway sends it: as `authorization`, or anonymously. */
async function run(query: string, variables: Record<string, unknown>, authorization?: string) {
  const response = await apollo.executeOperation(
    { query, variables },
    { contextValue: await createContext(deps, { requestId: 'test', log: h.runtime.deps.log, authorization }) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id relatedDocuments(first: 2) { id title } } ... on Document { id title visibility } } }';

describe('the entities rag contributes to', () => {
  it('resolves Product references with relatedDocuments: linked ones first, INTERNAL ones for staff only', async () => {
    const productId = faker.string.uuid();
    const linked = await ingestDocument(h.staff, { title: `Kettle sheet ${faker.string.alphanumeric(6)}`, content: 'Descale the kettle every month with citric acid.', productIds: [productId] });
    const hidden = await ingestDocument(h.staff, {
      title: `Kettle cost ${faker.string.alphanumeric(6)}`,
      content: 'The kettle costs us 12 EUR to buy in.',
      productIds: [productId],
      visibility: 'INTERNAL',
    });
    await Promise.all([h.settled(linked.id), h.settled(hidden.id)]);
    const representation = { __typename: 'Product', id: productId, name: 'Aurora kettle', description: 'A 1.7 litre electric kettle.' };

    const anonymous = await run(ENTITIES, { r: [representation] });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?._entities[0].relatedDocuments[0]).toEqual({ id: linked.id, title: linked.title });
    expect(anonymous.data?._entities[0].relatedDocuments.map((d: { id: string }) => d.id)).not.toContain(hidden.id);

    const staff = await run(ENTITIES, { r: [representation] }, await bearer('STAFF'));
    expect(staff.data?._entities[0].relatedDocuments.map((d: { id: string }) => d.id).sort()).toEqual([linked.id, hidden.id].sort());
  });

  it('resolves Document references the caller may read, null for others and for unknown ids', async () => {
    const open = await ingestDocument(h.staff, { title: `Open ${faker.string.alphanumeric(6)}`, content: faker.lorem.paragraph() });
    const staffOnly = await ingestDocument(h.staff, { title: `Closed ${faker.string.alphanumeric(6)}`, content: faker.lorem.paragraph(), visibility: 'INTERNAL' });
    const r = [open.id, staffOnly.id, faker.string.uuid(), 'not-a-uuid'].map((id) => ({ __typename: 'Document', id }));
    const customer = await run(ENTITIES, { r }, await bearer('CUSTOMER'));
    expect(customer.errors).toBeUndefined();
    expect(customer.data?._entities).toEqual([{ id: open.id, title: open.title, visibility: 'PUBLIC' }, null, null, null]);
    const staff = await run(ENTITIES, { r }, await bearer('STAFF'));
    expect(staff.data?._entities[1]).toEqual({ id: staffOnly.id, title: staffOnly.title, visibility: 'INTERNAL' });
  });
});
