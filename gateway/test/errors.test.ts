import { INTERNAL_MESSAGE } from '@bodega/server-kit';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { checkedRequest, onlyError } from './support/responses';

interface StockResult {
  sellProduct?: { id: string; stock: number };
  restockProduct?: { id: string; stock: number };
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let stack: Stack;
let productId: string;
const send = checkedRequest(() => stack);

beforeAll(async () => {
  stack = await startStack();
  const created = await send<{ createProduct: { id: string } }>(contractOperation('CreateProduct'), {
    input: { name: 'Enamel mug', stock: 3 },
  });
  if (!created.body.data) throw new Error(`Could not create the test product: ${JSON.stringify(created.body)}`);
  productId = created.body.data.createProduct.id;
});
afterAll(() => stack.close());

describe('bad input', () => {
  it.each([
    ['an empty product name', 'CreateProduct', () => ({ input: { name: '   ', stock: 1 } }), 'input.name'],
    ['a negative stock', 'CreateProduct', () => ({ input: { name: 'Mug', stock: -1 } }), 'input.stock'],
    ['a page size of 0', 'Products', () => ({ first: 0 }), 'first'],
    ['a page size of 101', 'Products', () => ({ first: 101 }), 'first'],
    ['a foreign cursor', 'Products', () => ({ after: 'bm90LWEtY3Vyc29y' }), 'after'],
    ['a category that is not a taxonomy id', 'Products', () => ({ filter: { categoryId: '999999999' } }), 'filter.categoryId'],
    ['a sale of 0', 'SellProduct', () => ({ id: productId, quantity: 0 }), 'quantity'],
    ['a sale of -5', 'SellProduct', () => ({ id: productId, quantity: -5 }), 'quantity'],
    ['a restock of 0', 'RestockProduct', () => ({ id: productId, quantity: 0 }), 'quantity'],
  ])('answers %s with BAD_USER_INPUT naming the field', async (_case, operation, variables, field) => {
    const response = await send(contractOperation(operation), variables());

    expect(response.status).toBe(200);
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, serviceName: 'products' });
    // A sentence for people; the path itself is in extensions.field, never in the message.
    expect(error.message.startsWith(`${field}: `)).toBe(false);
    expect(error.message).not.toContain('input.');
    expect(error.message).toMatch(/^[A-Z].*\.$/);
  });

  it('refuses a sale bigger than the stock with OUT_OF_STOCK from the products service', async () => {
    const response = await send(contractOperation('SellProduct'), { id: productId, quantity: 5 });

    expect(onlyError(response)).toMatchObject({
      message: 'Only 3 of "Enamel mug" in stock; 5 requested.',
      path: ['sellProduct'],
      extensions: { code: 'OUT_OF_STOCK', serviceName: 'products', available: 3, requested: 5 },
    });
  });

  it.each([
    ['a sale of an unknown product', 'SellProduct', UNKNOWN_ID],
    ['a restock of an unknown product', 'RestockProduct', UNKNOWN_ID],
    ['a sale for an id that is no product id at all', 'SellProduct', 'not-an-id'],
  ])('answers %s with NOT_FOUND', async (_case, operation, id) => {
    const response = await send<StockResult>(contractOperation(operation), { id, quantity: 1 });

    expect(onlyError(response)).toMatchObject({
      message: `No product has the id "${id}".`,
      extensions: { code: 'NOT_FOUND', serviceName: 'products', entity: 'product', id },
    });
  });
});

describe('bad documents', () => {
  it('answers a syntax error with 400 BAD_USER_INPUT, reason GRAPHQL_PARSE_FAILED', async () => {
    const response = await send('{ products { totalCount ');

    expect(response.status).toBe(400);
    expect(onlyError(response)).toMatchObject({
      message: expect.stringMatching(/^Syntax Error: /),
      extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it('answers an unknown field with 400 BAD_USER_INPUT, reason GRAPHQL_VALIDATION_FAILED, without suggestions', async () => {
    const response = await send('{ products { totalCont } }');

    expect(response.status).toBe(400);
    const error = onlyError(response);
    expect(error).toMatchObject({
      message: expect.stringContaining('Cannot query field "totalCont" on type "ProductConnection".'),
      extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(error.message).not.toContain('totalCount');
  });

  it('answers a missing required variable with BAD_USER_INPUT', async () => {
    const response = await send(contractOperation('SellProduct'), { quantity: 1 });

    expect(response.status).toBe(400);
    expect(onlyError(response).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('unexpected failures', () => {
  it('reach the client masked as INTERNAL_SERVER_ERROR and are logged with their cause', async () => {
    await stack.prisma.$executeRawUnsafe('ALTER TABLE products.products RENAME TO products_hidden');
    let response: Awaited<ReturnType<typeof send>>;
    try {
      response = await send(contractOperation('Products'), { first: 1 });
    } finally {
      await stack.prisma.$executeRawUnsafe('ALTER TABLE products.products_hidden RENAME TO products');
    }

    expect(onlyError(response)).toEqual({
      message: INTERNAL_MESSAGE,
      path: ['products'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'products' },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/products_hidden|relation|prisma|42P01/i);

    const logged = stack.logLines().find((line) => line.msg === 'unexpected error');
    expect(logged).toMatchObject({
      level: 50,
      path: ['products'],
      requestId: response!.headers.get('x-request-id'),
      err: { message: expect.stringContaining('relation "products.products" does not exist') },
    });
  });

  it('leave the service working once the cause is gone', async () => {
    const response = await send<{ products: { totalCount: number } }>(contractOperation('Products'), { first: 1 });

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.products.totalCount).toBe(1);
  });
});
