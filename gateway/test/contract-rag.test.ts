import { faker } from '@faker-js/faker';
import { InternalSigner, SIGNATURE_HEADER } from '@bodega/auth';
import { bearer, TEST_SERVICE_SECRET } from '@bodega/testing/auth';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { checkedRequest, onlyError } from './support/responses';
import { ingest, ingestReady, RETURNS_POLICY, SHIPPING_POLICY } from '@bodega/testing/knowledge-base';

interface SearchResponse {
  search: Array<{ score: number; chunk: { id: string; text: string; document: { id: string; title: string } } }>;
}
interface AnswerResponse {
  answer: { text: string; grounded: boolean; citations: Array<{ quote: string; document: { id: string; title: string } }> };
}

let stack: Stack;
const send = checkedRequest(() => stack);
let customer: string;
/** Words no Faker sentence holds, for the INTERNAL document only. */
const SECRET_WORD = `quorvanix${faker.string.alpha({ length: 6, casing: 'lower' })}`;
let returns: { id: string; title: string };
let shipping: { id: string; title: string };
let internal: { id: string; title: string };

beforeAll(async () => {
  faker.seed(1405);
  stack = await startStack();
  customer = await bearer('CUSTOMER');
  returns = await ingestReady(stack, { title: `Returns ${faker.string.alphanumeric(6)}`, content: RETURNS_POLICY, mimeType: 'text/markdown' });
  shipping = await ingestReady(stack, { title: `Shipping ${faker.string.alphanumeric(6)}`, content: SHIPPING_POLICY });
  internal = await ingestReady(stack, {
    title: `Staff handbook ${faker.string.alphanumeric(6)}`,
    content: `# Staff refunds\n\nStaff may approve a goodwill refund of up to 40 EUR with the ${SECRET_WORD} override in the back office.\n`,
    mimeType: 'text/markdown',
    visibility: 'INTERNAL',
  });
}, 60_000);
afterAll(() => stack.close());

describe('IngestDocument through the gateway', () => {
  it('queues a document for STAFF and ADMIN and answers with its id, title and status', async () => {
    const title = `Gift wrapping ${faker.string.alphanumeric(8)}`;
    const response = await send<{ ingestDocument: { id: string; title: string; status: string } }>(
      contractOperation('IngestDocument'),
      { input: { title, content: `Gift wrapping costs 3 EUR per parcel. ${faker.lorem.paragraph()}`, mimeType: 'text/plain' } },
      { authorization: await bearer('STAFF') },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.ingestDocument).toMatchObject({ title, status: expect.stringMatching(/^(PENDING|PROCESSING|READY)$/) });
  });

  it('is FORBIDDEN to a customer and UNAUTHENTICATED without a token, writing nothing', async () => {
    const title = `Not allowed ${faker.string.alphanumeric(8)}`;
    const input = { title, content: faker.lorem.paragraph() };
    const forbidden = onlyError(await send(contractOperation('IngestDocument'), { input }, { authorization: customer }));
    expect(forbidden.extensions?.code).toBe('FORBIDDEN');
    const anonymous = onlyError(await send(contractOperation('IngestDocument'), { input }, { authorization: '' }));
    expect(anonymous.extensions?.code).toBe('UNAUTHENTICATED');
    const listed = await send<{ documents: { edges: Array<{ node: { title: string } }> } }>('{ documents(first: 100) { edges { node { title } } } }');
    expect(listed.body.data?.documents.edges.map((edge) => edge.node.title)).not.toContain(title);
  });

  it('refuses an unsupported type, an empty document and one over the size limit with BAD_USER_INPUT', async () => {
    const title = `Bad ${faker.string.alphanumeric(8)}`;
    for (const input of [
      { title, content: faker.lorem.paragraph(), mimeType: 'application/pdf' },
      { title, content: '   \n ' },
      { title, content: 'x'.repeat(600 * 1024) },
    ]) {
      const error = onlyError(await send(contractOperation('IngestDocument'), { input }));
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message.length).toBeGreaterThan(10);
    }
  });

  it('returns the same document for the same content again', async () => {
    const again = await ingest(stack, { title: returns.title, content: RETURNS_POLICY, mimeType: 'text/markdown' });
    expect(again).toEqual({ id: returns.id, title: returns.title, status: 'READY' });
  });
});

describe('Search through the gateway', () => {
  it('ranks the chunk that answers first, with its document, for anyone', async () => {
    const response = await send<SearchResponse>(contractOperation('Search'), { query: 'how many days do I have to send something back', first: 5 }, { authorization: '' });
    expect(response.body.errors).toBeUndefined();
    const [best] = response.body.data!.search;
    expect(best?.chunk.document).toEqual({ id: returns.id, title: returns.title });
    expect(best!.score).toBeGreaterThan(0);
    expect(best!.score).toBeLessThanOrEqual(1);
    const scores = response.body.data!.search.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('never shows an INTERNAL document to a customer or an anonymous caller, and shows it to staff', async () => {
    const query = `${SECRET_WORD} goodwill refund override`;
    for (const authorization of [customer, '']) {
      const response = await send<SearchResponse>(contractOperation('Search'), { query, first: 50 }, { authorization });
      expect(response.body.errors).toBeUndefined();
      const documents = response.body.data!.search.map((hit) => hit.chunk.document.id);
      expect(documents).not.toContain(internal.id);
      expect(JSON.stringify(response.body)).not.toContain(SECRET_WORD);
    }
    const staff = await send<SearchResponse>(contractOperation('Search'), { query, first: 5 }, { authorization: await bearer('STAFF') });
    expect(staff.body.data!.search[0]?.chunk.document.id).toBe(internal.id);
  });

  it('refuses an empty query and first over 50 with BAD_USER_INPUT', async () => {
    expect(onlyError(await send(contractOperation('Search'), { query: '  ' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect(onlyError(await send(contractOperation('Search'), { query: 'refund', first: 51 })).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Answer through the gateway', () => {
  it('answers from the documents with quotes copied from the cited chunks', async () => {
    const response = await send<AnswerResponse>(contractOperation('Answer'), { question: 'How long does standard delivery take?' }, { authorization: customer });
    expect(response.body.errors).toBeUndefined();
    const answer = response.body.data!.answer;
    expect(answer.grounded).toBe(true);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.citations[0]!.document).toEqual({ id: shipping.id, title: shipping.title });
    expect(answer.text).toContain('2 to 4 working days');
    for (const citation of answer.citations) expect(SHIPPING_POLICY + RETURNS_POLICY).toContain(citation.quote);
  });

  it('is not grounded, with no citations, when the documents do not cover the question', async () => {
    const response = await send<AnswerResponse>(contractOperation('Answer'), { question: 'Can I book a table for dinner at your restaurant on Saturday?' });
    expect(response.body.data!.answer).toMatchObject({ grounded: false, citations: [] });
    expect(response.body.data!.answer.text).toMatch(/do not cover/);
  });

  it('never cites an INTERNAL document to a customer or an anonymous caller', async () => {
    const question = `How much goodwill refund may be approved with the ${SECRET_WORD} override?`;
    for (const authorization of [customer, '']) {
      const response = await send<AnswerResponse>(contractOperation('Answer'), { question }, { authorization });
      const answer = response.body.data!.answer;
      expect(answer.citations.map((citation) => citation.document.id)).not.toContain(internal.id);
      expect(answer.text).not.toContain('40 EUR');
    }
    const staff = await send<AnswerResponse>(contractOperation('Answer'), { question }, { authorization: await bearer('STAFF') });
    expect(staff.body.data!.answer.grounded).toBe(true);
    expect(staff.body.data!.answer.citations[0]?.document.id).toBe(internal.id);
  });

  it('answers a Bodega service (the chat assistant) signed with InternalSigner, from PUBLIC documents only', async () => {
    const signer = new InternalSigner(TEST_SERVICE_SECRET, 'chat');
    const ask = async (question: string) => {
      const body = JSON.stringify({ query: contractOperation('Answer'), variables: { question } });
      const { pathname } = new URL(stack.rag.url);
      const response = await fetch(stack.rag.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signer.sign({ kind: 'http', method: 'POST', target: pathname, body }) },
        body,
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { data: AnswerResponse }).data.answer;
    };
    const covered = await ask('When will I get my money back after returning an item?');
    expect(covered.grounded).toBe(true);
    expect(covered.citations[0]?.document.id).toBe(returns.id);
    const secret = await ask(`How much goodwill refund may be approved with the ${SECRET_WORD} override?`);
    expect(secret.citations.map((citation) => citation.document.id)).not.toContain(internal.id);
  });
});

describe('documents, document(id) and deleteDocument through the gateway', () => {
  it('pages newest first and filters by status, product and visibility; customers see PUBLIC ones only', async () => {
    const first = await send<{ documents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string } }> } }>(
      'query ($after: String) { documents(first: 2, after: $after, filter: { status: READY }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
    );
    const page = first.body.data!.documents;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = await send<typeof first.body.data>(
      'query ($after: String) { documents(first: 50, after: $after, filter: { status: READY }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
      { after: page.pageInfo.endCursor },
    );
    const ids = [...page.edges, ...rest.body.data!.documents.edges].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([returns.id, shipping.id, internal.id]));
    expect(ids.indexOf(internal.id)).toBeLessThan(ids.indexOf(returns.id));
    expect(ids.length).toBe(page.totalCount);

    const customers = await send<{ documents: { totalCount: number; edges: Array<{ node: { id: string; visibility: string } }> } }>(
      '{ documents(first: 50) { totalCount edges { node { id visibility } } } }',
      {},
      { authorization: customer },
    );
    expect(customers.body.data!.documents.edges.map((edge) => edge.node.visibility)).not.toContain('INTERNAL');
    const internals = await send<{ documents: { edges: Array<{ node: { id: string } }> } }>('{ documents(first: 50, filter: { visibility: INTERNAL }) { edges { node { id } } } }');
    expect(internals.body.data!.documents.edges.map((edge) => edge.node.id)).toEqual([internal.id]);
  });

  it('shows a document with its chunks in order; an INTERNAL one is null for a customer', async () => {
    const query = 'query ($id: ID!) { document(id: $id) { id title visibility status chunkCount chunks { totalCount edges { node { ordinal text headingPath document { id } } } } } }';
    const response = await send<{ document: { chunkCount: number; chunks: { totalCount: number; edges: Array<{ node: { ordinal: number; text: string; headingPath: string[]; document: { id: string } } }> } } }>(query, { id: returns.id });
    const document = response.body.data!.document;
    expect(document).toMatchObject({ id: returns.id, visibility: 'PUBLIC', status: 'READY' });
    expect(document.chunks.totalCount).toBe(document.chunkCount);
    expect(document.chunks.edges.map((edge) => edge.node.ordinal)).toEqual(document.chunks.edges.map((_edge, i) => i));
    expect(document.chunks.edges.some((edge) => edge.node.headingPath.includes('Refunds'))).toBe(true);
    expect(document.chunks.edges.every((edge) => edge.node.document.id === returns.id)).toBe(true);

    const hidden = await send<{ document: unknown }>(query, { id: internal.id }, { authorization: customer });
    expect(hidden.body).toEqual({ data: { document: null } });
    const unknown = await send<{ document: unknown }>(query, { id: faker.string.uuid() });
    expect(unknown.body).toEqual({ data: { document: null } });
  });

  it('deletes a document from search at once (STAFF or ADMIN only)', async () => {
    const word = `zintrel${faker.string.alpha({ length: 6, casing: 'lower' })}`;
    const doomed = await ingestReady(stack, { title: `Doomed ${word}`, content: `The ${word} voucher expires after one year.` });
    const search = () => send<SearchResponse>(contractOperation('Search'), { query: `${word} voucher` });
    expect((await search()).body.data!.search.map((hit) => hit.chunk.document.id)).toContain(doomed.id);

    const forbidden = onlyError(await send('mutation ($id: ID!) { deleteDocument(id: $id) }', { id: doomed.id }, { authorization: customer }));
    expect(forbidden.extensions?.code).toBe('FORBIDDEN');
    const deleted = await send<{ deleteDocument: string }>('mutation ($id: ID!) { deleteDocument(id: $id) }', { id: doomed.id });
    expect(deleted.body.data).toEqual({ deleteDocument: doomed.id });
    expect((await search()).body.data!.search.map((hit) => hit.chunk.document.id)).not.toContain(doomed.id);
    const again = onlyError(await send('mutation ($id: ID!) { deleteDocument(id: $id) }', { id: doomed.id }));
    expect(again.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('Product.relatedDocuments through the gateway', () => {
  it('lists the documents linked to the product first, then the nearest by meaning, without INTERNAL ones for customers', async () => {
    const created = await send<{ createProduct: { id: string } }>(contractOperation('CreateProduct'), {
      input: { name: `Espresso grinder ${faker.string.alphanumeric(5)}`, stock: 5, description: 'A burr grinder for espresso beans.' },
    });
    const productId = created.body.data!.createProduct.id;
    const sheet = await ingestReady(stack, {
      title: `Grinder sheet ${faker.string.alphanumeric(6)}`,
      content: `# Grinder care\n\nClean the burrs every month with a dry brush. ${faker.lorem.sentence()}`,
      mimeType: 'text/markdown',
      productIds: [productId],
    });
    const secret = await ingestReady(stack, {
      title: `Grinder margins ${faker.string.alphanumeric(6)}`,
      content: 'The grinder is bought in at 40 percent of its price.',
      productIds: [productId],
      visibility: 'INTERNAL',
    });

    const asCustomer = await send<{ product: { relatedDocuments: Array<{ id: string; title: string }> } }>(contractOperation('Product'), { id: productId }, { authorization: customer });
    expect(asCustomer.body.errors).toBeUndefined();
    const related = asCustomer.body.data!.product.relatedDocuments;
    expect(related[0]).toEqual({ id: sheet.id, title: sheet.title });
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related.map((document) => document.id)).not.toContain(secret.id);

    const byProduct = await send<{ documents: { edges: Array<{ node: { id: string } }> } }>(
      'query ($productId: ID!) { documents(first: 10, filter: { productId: $productId }) { edges { node { id } } } }',
      { productId },
    );
    expect(byProduct.body.data!.documents.edges.map((edge) => edge.node.id)).toEqual([secret.id, sheet.id]);

    const asAdmin = await send<{ product: { relatedDocuments: Array<{ id: string }> } }>(contractOperation('Product'), { id: productId });
    expect(asAdmin.body.data!.product.relatedDocuments.slice(0, 2).map((document) => document.id).sort()).toEqual([sheet.id, secret.id].sort());
  });
});
