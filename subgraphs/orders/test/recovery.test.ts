import { randomUUID } from 'node:crypto';
import { InternalSigner } from '@bodega/auth';
import { faker } from '@faker-js/faker';
import { createLogger } from '@bodega/logger';
import { createContext, type Deps } from '../src/context';
import { createApollo } from '../src/server';
import { startOrderRecovery } from '../src/services/recovery';
import { createStockClient, StockUnavailableError, type StockClient } from '../src/services/stock-client';
import { bearer, signedAsGateway, TEST_SERVICE_SECRET, testInternal } from '@bodega/testing/auth';
import type { Stack } from '@bodega/testing/stack';
import { createProduct, stockOf, openShop, type Shopper } from '@bodega/testing/shop';

let stack: Stack;
let shopper: Shopper;
let realStock: StockClient;

beforeAll(async () => {
  ({ stack, shopper } = await openShop(11));
  realStock = createStockClient({ url: stack.products.url, signer: ordersSigner, log: silent() });
});
afterAll(() => stack.close());

const silent = () => createLogger('orders-test', 'silent');
const ordersSigner = new InternalSigner(TEST_SERVICE_SECRET, 'orders');

function depsWith(stock: StockClient): Deps {
  return { prisma: stack.prisma, events: stack.events, log: silent(), tokens: stack.tokens, internal: testInternal, stock, shopCurrency: 'EUR' };
}

/** Runs one operation against an orders subgraph whose stock client is `stock`, as the shopper. */
async function asShopper(stock: StockClient, query: string, variables: Record<string, unknown>) {
  const deps = depsWith(stock);
  const apollo = createApollo(deps);
  await apollo.start();
  try {
    const response = await apollo.executeOperation(
      { query, variables },
      { contextValue: await createContext(deps, { requestId: 'test', log: deps.log, authorization: shopper.authorization }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  } finally {
    await apollo.stop();
  }
}

const PLACE = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }';
const CANCEL = 'mutation($id: ID!) { cancelOrder(id: $id) { id status } }';

/** A PENDING order as placeOrder records it before taking stock: what a crash leaves behind. */
async function pendingOrder(productId: string, quantity: number): Promise<string> {
  const id = randomUUID();
  await stack.prisma.order.create({
    data: { id, customerId: shopper.id, requestHash: 'x'.repeat(64), status: 'PENDING', items: { create: [{ productId, quantity, position: 0 }] } },
  });
  return id;
}

const recoverNow = (stock: StockClient = realStock) =>
  startOrderRecovery(depsWith(stock), { pendingTimeoutMs: 0, cancelGraceMs: 0, intervalMs: 60_000 });

describe('an interruption between orders and products', () => {
  it('returns the stock and places no order when the answer to a successful reserve is lost', async () => {
    const product = await createProduct(stack, { stock: 5 });
    const lostAnswer: StockClient = {
      reserve: async (orderId, items) => {
        await realStock.reserve(orderId, items);
        throw new StockUnavailableError('connection reset after the request was sent');
      },
      release: (orderId) => realStock.release(orderId),
    };
    const response = await asShopper(lostAnswer, PLACE, { input: { items: [{ productId: product.id, quantity: 2 }] } });
    expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(response.errors?.[0]?.message).toMatch(/no order was placed/);
    expect(await stockOf(stack, product.id)).toBe(5);
    expect(await stack.prisma.order.count({ where: { items: { some: { productId: product.id } } } })).toBe(0);
  });

  it('abandons an order that crashed after taking stock, returning the stock', async () => {
    const product = await createProduct(stack, { stock: 5 });
    const orderId = await pendingOrder(product.id, 3);
    await realStock.reserve(orderId, [{ productId: product.id, quantity: 3 }]);
    expect(await stockOf(stack, product.id)).toBe(2);
    const recovery = recoverNow();
    expect(await recovery.runOnce()).toBe(1);
    await recovery.stop();
    expect(await stockOf(stack, product.id)).toBe(5);
    expect(await stack.prisma.order.findUnique({ where: { id: orderId } })).toBeNull();
  });

  it('abandons an order that crashed before taking stock, and a late reserve for it takes nothing', async () => {
    const product = await createProduct(stack, { stock: 5 });
    const orderId = await pendingOrder(product.id, 3);
    const recovery = recoverNow();
    await recovery.runOnce();
    await recovery.stop();
    const late = await realStock.reserve(orderId, [{ productId: product.id, quantity: 3 }]);
    expect(late.status).toBe('RELEASED');
    expect(await stockOf(stack, product.id)).toBe(5);
  });

  it('leaves no visible order when products cannot be reached, and cleans up once it can', async () => {
    const product = await createProduct(stack, { stock: 5 });
    const unreachable = createStockClient({ url: 'http://127.0.0.1:9/graphql', signer: ordersSigner, log: silent() });
    const response = await asShopper(unreachable, PLACE, { input: { items: [{ productId: product.id, quantity: 1 }] } });
    expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const listed = await stack.request<{ orders: { totalCount: number } }>('query { orders { totalCount } }', {}, { authorization: shopper.authorization });
    const before = listed.body.data!.orders.totalCount;
    expect(await stack.prisma.order.count({ where: { status: 'ABANDONED' } })).toBe(1);
    const recovery = recoverNow();
    await recovery.runOnce();
    await recovery.stop();
    expect(await stack.prisma.order.count({ where: { status: 'ABANDONED' } })).toBe(0);
    const after = await stack.request<{ orders: { totalCount: number } }>('query { orders { totalCount } }', {}, { authorization: shopper.authorization });
    expect(after.body.data!.orders.totalCount).toBe(before);
    expect(await stockOf(stack, product.id)).toBe(5);
  });

  it('cancels while products is down and returns the stock exactly once when it is back', async () => {
    const product = await createProduct(stack, { stock: 5 });
    const placed = await asShopper(realStock, PLACE, { input: { items: [{ productId: product.id, quantity: 4 }] } });
    const orderId = placed.data.placeOrder.id as string;
    const down: StockClient = {
      reserve: () => Promise.reject(new StockUnavailableError('down')),
      release: () => Promise.reject(new StockUnavailableError('down')),
    };
    const cancelled = await asShopper(down, CANCEL, { id: orderId });
    expect(cancelled.data?.cancelOrder.status).toBe('CANCELLED');
    expect(await stockOf(stack, product.id)).toBe(1);
    const recovery = recoverNow();
    await recovery.runOnce();
    await recovery.runOnce();
    await recovery.stop();
    expect(await stockOf(stack, product.id)).toBe(5);
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).stockReleasedAt).not.toBeNull();
  });
});

describe('the internal reserve and release', () => {
  it('are not in the public API', async () => {
    const response = await stack.request('mutation { releaseStock(orderId: "x") { status } }');
    expect(response.body.errors?.[0]?.message).toMatch(/Cannot query field "releaseStock"/);
  });

  it('refuse user tokens, even staff ones, sent to the products subgraph with the gateway\'s signature', async () => {
    const request = JSON.stringify({ query: 'mutation { releaseStock(orderId: "00000000-0000-4000-8000-000000000000") { status } }' });
    const response = await fetch(stack.products.url, {
      method: 'POST',
      headers: signedAsGateway(stack.products.url, request, { authorization: await bearer('ADMIN') }),
      body: request,
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('take stock once per order id however often they are repeated', async () => {
    const product = await createProduct(stack, { stock: 5 });
    const orderId = randomUUID();
    const items = [{ productId: product.id, quantity: 2 }];
    const results = await Promise.all([realStock.reserve(orderId, items), realStock.reserve(orderId, items), realStock.reserve(orderId, items)]);
    expect(results.map((result) => result.status)).toEqual(['RESERVED', 'RESERVED', 'RESERVED']);
    expect(await stockOf(stack, product.id)).toBe(3);
    await Promise.all([realStock.release(orderId), realStock.release(orderId)]);
    expect(await stockOf(stack, product.id)).toBe(5);
  });
});
