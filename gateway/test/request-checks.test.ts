// Requests that reached a 500 or INTERNAL_SERVER_ERROR: a NUL character in a string (Postgres refuses
// it), a document whose operation cannot be chosen, a subscription over HTTP. Each is a 400
// BAD_USER_INPUT saying what to change, checked once at the edge for every argument and variable.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@bodega/gateway';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';
import { apiSchemaOf } from '../src/api-schema';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { rawSocket } from '@bodega/testing/raw-ws';
import { checkedRequest, onlyError } from './support/responses';

const NUL = '\u0000';
let stack: Stack;
const send = checkedRequest(() => stack);

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

function expectNulRefused(response: Awaited<ReturnType<typeof send>>, field: string) {
  expect(response.status).toBe(400);
  expect(onlyError(response)).toEqual({
    message: `${field}: contains a NUL character (\\u0000), which text cannot hold; remove it and send the request again.`,
    extensions: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', field },
  });
}

describe('a NUL character in a string', () => {
  const password = 'correct horse battery 9';
  it.each([
    ['signUp email', 'SignUp', { input: { email: `a${NUL}@example.com`, password, name: 'Ana' } }, 'input.email'],
    ['signUp password', 'SignUp', { input: { email: 'ana@example.com', password: `${password}${NUL}`, name: 'Ana' } }, 'input.password'],
    ['signUp name', 'SignUp', { input: { email: 'ana@example.com', password, name: `A${NUL}na` } }, 'input.name'],
    ['logIn email', 'LogIn', { email: `a${NUL}@example.com`, password }, 'email'],
    ['logIn password', 'LogIn', { email: 'ana@example.com', password: `x${NUL}` }, 'password'],
    ['createProduct name', 'CreateProduct', { input: { name: `Mug${NUL}`, stock: 1 } }, 'input.name'],
    ['createProduct keyword', 'CreateProduct', { input: { name: 'Mug', stock: 1, keywords: ['cup', `t${NUL}ea`] } }, 'input.keywords.1'],
    ['products search', 'Products', { filter: { search: `mug${NUL}` } }, 'filter.search'],
    ['placeOrder idempotencyKey', 'PlaceOrder', { input: { items: [{ productId: randomUUID(), quantity: 1 }], idempotencyKey: `k${NUL}` } }, 'input.idempotencyKey'],
    ['placeOrder productId', 'PlaceOrder', { input: { items: [{ productId: `${randomUUID()}${NUL}`, quantity: 1 }] } }, 'input.items.0.productId'],
  ])('in %s is a 400 BAD_USER_INPUT naming the field, and nothing is written', async (_case, operation, variables, field) => {
    const before = await Promise.all([stack.prisma.user.count(), stack.prisma.product.count(), stack.prisma.order.count()]);

    expectNulRefused(await send(contractOperation(operation), variables), field);

    expect(await Promise.all([stack.prisma.user.count(), stack.prisma.product.count(), stack.prisma.order.count()])).toEqual(before);
  });

  it('written into the document as a literal is refused the same way', async () => {
    const response = await send('mutation { createProduct(input: { name: "Mug\\u0000", stock: 1 }) { id } }');
    expectNulRefused(response, 'input.name');
  });

  it('is refused in every String and ID argument of every query and mutation, at any depth', async () => {
    const schema = apiSchemaOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const cases: Array<{ query: string; variables: Record<string, unknown>; field: string }> = [];
    for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const field of Object.values(root.getFields())) {
        for (const target of stringPaths(field.args)) {
          const variables = Object.fromEntries(field.args.filter((arg) => isNonNullType(arg.type) || arg.name === target[0]).map((arg) => [arg.name, sample(arg.type, target[0] === arg.name ? target.slice(1) : undefined)]));
          const definitions = Object.keys(variables).map((name) => `$${name}: ${field.args.find((arg) => arg.name === name)!.type}`);
          const args = Object.keys(variables).map((name) => `${name}: $${name}`);
          const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
          const operation = root === schema.getQueryType() ? 'query' : 'mutation';
          cases.push({ query: `${operation} (${definitions.join(', ')}) { ${field.name}(${args.join(', ')})${selection} }`, variables, field: target.join('.') });
        }
      }
    }
    expect(cases.length).toBeGreaterThan(30);
    for (const { query, variables, field } of cases) {
      const response = await send(query, variables);
      expect({ field, error: response.body.errors?.[0]?.extensions }).toEqual({ field, error: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', field } });
    }
  });
});

/** Every path to a String or ID inside these arguments (list items as index 0). */
function stringPaths(args: readonly GraphQLArgument[]): string[][] {
  const walk = (type: GraphQLInputType, path: string[], seen: Set<string>): string[][] => {
    const inner = getNullableType(type);
    if (isListType(inner)) return walk(inner.ofType, [...path, '0'], seen);
    if (isScalarType(inner)) return ['String', 'ID'].includes(inner.name) ? [path] : [];
    if (isInputObjectType(inner) && !seen.has(inner.name)) {
      const next = new Set([...seen, inner.name]);
      return Object.values(inner.getFields()).flatMap((field) => walk(field.type, [...path, field.name], next));
    }
    return [];
  };
  return args.flatMap((arg) => walk(arg.type, [arg.name], new Set()));
}

/** A value of `type` that coerces: required fields filled, and a NUL string at `nulAt` (a path below it). */
function sample(type: GraphQLInputType, nulAt?: string[]): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType, nulAt?.slice(1))];
  if (isScalarType(inner)) {
    if (inner.name === 'Int') return 1;
    if (inner.name === 'Float') return 1.5;
    if (inner.name === 'Boolean') return true;
    return nulAt ? `x${NUL}` : 'x';
  }
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).filter((field) => isNonNullType(field.type) || field.name === nulAt?.[0]);
    return Object.fromEntries(fields.map((field) => [field.name, sample(field.type, field.name === nulAt?.[0] ? nulAt.slice(1) : undefined)]));
  }
  return null;
}

describe('a document whose operation cannot be chosen', () => {
  it('with two operations and no operationName is a 400 BAD_USER_INPUT naming them', async () => {
    const response = await send('query First { __typename } query Second { __typename }');

    expect(response.status).toBe(400);
    expect(onlyError(response)).toEqual({
      message: 'The document has 2 operations ("First", "Second"); send the name of the one to run as operationName.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE' },
    });
  });

  it('with an operationName it does not have is a 400 BAD_USER_INPUT naming what it has', async () => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query First { __typename }', operationName: 'Nope' }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The document has no operation named "Nope"; it has "First". Send one of those as operationName.',
          extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE' },
        },
      ],
    });
  });

  it('still runs the operation operationName names', async () => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query First { __typename } query Second { products(first: 1) { totalCount } }', operationName: 'Second' }),
    });
    expect(await response.json()).toEqual({ data: { products: { totalCount: expect.any(Number) } } });
  });
});

describe('a subscription sent over HTTP', () => {
  it('is a 400 BAD_USER_INPUT pointing to the WebSocket', async () => {
    const response = await send(contractOperation('StockChanged'));

    expect(response.status).toBe(400);
    expect(onlyError(response)).toEqual({
      message: expect.stringMatching(/^Subscriptions are served over WebSocket \(graphql-transport-ws\) on the same \/graphql URL/),
      extensions: { code: 'BAD_USER_INPUT', reason: 'SUBSCRIPTION_OVER_HTTP' },
    });
  });
});

describe('the same checks over graphql-ws', () => {
  it('refuse a NUL in a subscription variable and a document whose operation cannot be chosen, keeping the socket', async () => {
    const socket = await rawSocket(stack.gateway.url);
    try {
      await socket.init();
      const answer = async (payload: Record<string, unknown>) => {
        const id = randomUUID();
        socket.send({ id, type: 'subscribe', payload });
        return socket.next((message) => message.id === id && ['next', 'error'].includes(message.type));
      };

      const nul = await answer({ query: 'subscription ($id: ID) { stockChanged(productId: $id) { stock } }', variables: { id: `x${NUL}` } });
      expect(nul).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', field: 'id' } }] });
      const several = await answer({ query: 'subscription A { stockChanged { stock } } subscription B { stockChanged { stock } }' });
      expect(several).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE' } }] });
      expect(several.payload[0].message).toContain('"A", "B"');
      expect((await answer({ query: '{ __typename }' })).type).toBe('next');
    } finally {
      await socket.close();
    }
  });
});
