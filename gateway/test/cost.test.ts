import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getOperationAST, Kind, parse } from 'graphql';
import { LIMITS } from '../src/armor';
import { apiSchemaOf } from '../src/api-schema';
import { operationCost } from '../src/cost';
import { SUPERGRAPH_PATH } from '../src/subgraphs';
import { startStack, type Stack } from '@bodega/testing/stack';
import { wsClient } from '@bodega/testing/ws';

const schema = apiSchemaOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return operationCost(schema, document, getOperationAST(document)!, variables);
};

/** A page of products with enough per item that 100 items are over the limit and 1 is far under. */
const PAGE = `query Page($n: Int) { products(first: $n) { edges { node {
  id name keywords description stock lowStockThreshold lowStock createdAt updatedAt price { amount currencyCode }
  enrichment { status source error } sales { unitsSold revenue { amount currencyCode } }
  category { id name path parent { id name path parent { id name path parent { id name path } } } } } } } }`;

describe('the cost of an operation', () => {
  it('multiplies a page by its size whether it is a literal, a variable or the default', () => {
    const one = cost(PAGE, { n: 1 });
    expect(cost(PAGE, { n: 100 })).toBeCloseTo(one * 100);
    expect(cost(PAGE.replace('first: $n', 'first: 100'), {})).toBeCloseTo(one * 100);
    expect(cost(PAGE.replace('(first: $n)', ''), {})).toBeCloseTo(one * 20); // products' default page
    expect(one).toBeLessThan(LIMITS.maxCost / 20);
    expect(one * 100).toBeGreaterThan(LIMITS.maxCost);
  });

  it('multiplies nested pages: 100 users with 100 orders each is far over the limit', () => {
    expect(cost('{ users(first: 100) { edges { node { orders(first: 100) { edges { node { id status } } } } } } }')).toBeGreaterThan(
      LIMITS.maxCost * 10,
    );
  });

  it('lets every operation of the contract through at the largest page size', () => {
    const contract = parse(readFileSync(join(__dirname, '..', '..', 'contract', 'operations.graphql'), 'utf8'));
    const costly = contract.definitions
      .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => ({ name: operation.name?.value, cost: operationCost(schema, contract, operation, { first: 100 }) }))
      .filter(({ cost: found }) => found >= LIMITS.maxCost / 2);
    expect(costly).toEqual([]);
  });

  it('does not charge for __typename, which clients such as urql add everywhere', () => {
    expect(cost(PAGE.replace(/\{/g, '{ __typename '), { n: 5 })).toBe(cost(PAGE, { n: 5 }));
  });
});

describe('the cost limit through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack.close());

  it('refuses a page whose size comes in a variable when it makes the operation too costly', async () => {
    const refused = await stack.request(PAGE, { n: 100 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Cost limit of 20000 exceeded, found \d+: ask for fewer items/),
      extensions: { code: 'BAD_USER_INPUT', reason: 'COST_LIMIT_EXCEEDED' },
    });
    const accepted = await stack.request(PAGE, { n: 2 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.errors).toBeUndefined();
  });

  it('applies the same limit over graphql-ws', async () => {
    const client = wsClient(stack.gateway.url);
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: PAGE, variables: { n: 100 } }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
    });
    expect(errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Cost limit of 20000 exceeded/), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    await client.dispose();
  });
});
