import { LIMITS } from '@bodega/gateway';
import { ErrorCode } from '@bodega/errors';
import { startStack, type Stack } from '@bodega/testing/stack';
import { checkedRequest, onlyError, readJson } from './support/responses';

const CONTRACT_CODES: string[] = Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal);

let stack: Stack;
let subgraphRequests = 0;
const send = checkedRequest(() => stack);

beforeAll(async () => {
  stack = await startStack({ production: true });
  stack.products.server.on('request', () => {
    subgraphRequests += 1;
  });
});
afterAll(() => stack.close());

/** `count` aliases of the same selection, a0 … a(count-1). */
const aliased = (count: number, selection: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

/** A products query whose category walks up `parents` levels: depth 5 + parents. */
const deep = (parents: number) =>
  `{ products(first: 1) { edges { node { category { ${'parent { '.repeat(parents)}id${' }'.repeat(parents)} } } } } }`;

/** A query of `count` + 10 tokens: one field repeated inside products. */
const tokens = (count: number) => `{ products(first: 1) { ${'totalCount '.repeat(count)} } }`;

/** High cost in few tokens: a page of users, each with a page of orders. */
const costlyPage = () => '{ users(first: 100) { edges { node { orders(first: 100) { edges { node { id status } } } } } } }';

function getGraphQL(query: string, headers: Record<string, string> = {}) {
  return fetch(`${stack.gateway.url}?query=${encodeURIComponent(query)}`, { headers });
}

describe('introspection in production', () => {
  it.each([
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "Product") { fields { name } } }'],
  ])('is refused for %s with a contract code', async (_field, query) => {
    const response = await send(query);

    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    const error = onlyError(response);
    expect(CONTRACT_CODES).toContain(error.extensions?.code);
    expect(error.message).toMatch(/introspection is not allowed/);
  });
});

describe('CSRF prevention in production', () => {
  it('blocks a simple GET without a preflight header with 400', async () => {
    const { status, body } = await readJson(await getGraphQL('{ __typename }'));

    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message: expect.stringContaining('Cross-Site Request Forgery'),
          extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('lets a GET through once it carries apollo-require-preflight', async () => {
    const { status, body } = await readJson(await getGraphQL('{ __typename }', { 'apollo-require-preflight': 'true' }));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { __typename: 'Query' } });
  });

  it('lets a JSON POST through', async () => {
    const response = await send('{ __typename }');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves no landing page to a browser', async () => {
    const response = await fetch(stack.gateway.url, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
    await response.body?.cancel();
  });
});

describe('document limits', () => {
  it.each([
    ['a query deeper than the depth limit', deep(LIMITS.maxDepth - 4), /depth limit of 10 exceeded, found 11/],
    ['aliases of __typename beyond the alias limit', aliased(LIMITS.maxAliases + 1, '__typename'), /Aliases limit of 15 exceeded, found 16/],
    [
      'aliases of a real field beyond the alias limit',
      aliased(LIMITS.maxAliases + 1, 'products(first: 1) { totalCount }'),
      /Aliases limit of 15 exceeded, found 16/,
    ],
    ['a document over the token limit', tokens(LIMITS.maxTokens), /more that 2000 tokens/],
    // Nested pages: few tokens, far over the cost limit.
    ['a document over the cost limit', costlyPage(), /Cost limit of 20000 exceeded/],
  ])('refuses %s with 400 BAD_USER_INPUT naming the limit, calling no subgraph', async (_case, query, message) => {
    const before = subgraphRequests;
    const response = await send(query);

    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(onlyError(response)).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } });
    expect(subgraphRequests).toBe(before);
  });

  it.each([
    ['a query at the depth limit', deep(LIMITS.maxDepth - 5)],
    ['exactly as many aliases as the limit', aliased(LIMITS.maxAliases, 'products(first: 1) { totalCount }')],
  ])('accepts %s and asks the products subgraph', async (_case, query) => {
    const before = subgraphRequests;
    const response = await send(query);

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(subgraphRequests).toBeGreaterThan(before);
  });
});
