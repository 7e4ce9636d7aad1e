import { faker } from '@faker-js/faker';
import { bearer } from '@bodega/testing/auth';
import { contractOperation, type Stack } from '@bodega/testing/stack';
import { Topic } from '@bodega/events';
import { untilListening } from '@bodega/testing/live';
import { record, wsClient } from '@bodega/testing/ws';
import { createProduct, placeOrder, stockOf, openShop, signUpShopper, type Shopper } from '@bodega/testing/shop';

let stack: Stack;
let shopper: Shopper;
let staff: string;

beforeAll(async () => {
  ({ stack, shopper } = await openShop(7));
  staff = await bearer('STAFF');
});
afterAll(() => stack.close());

async function newOrder(quantity = 2, owner = shopper): Promise<{ orderId: string; productId: string }> {
  const product = await createProduct(stack, { stock: 10, price: '5.00' });
  const response = await placeOrder(stack, owner, [{ productId: product.id, quantity }]);
  return { orderId: response.body.data!.placeOrder.id, productId: product.id };
}

function setStatus(id: string, status: string, authorization = staff) {
  return stack.request<{ setOrderStatus: { id: string; status: string } }>(contractOperation('SetOrderStatus'), { id, status }, { authorization });
}

function cancel(id: string, authorization = shopper.authorization) {
  return stack.request<{ cancelOrder: { id: string; status: string } }>(contractOperation('CancelOrder'), { id }, { authorization });
}

describe('order status (contract SetOrderStatus, CancelOrder)', () => {
  it('moves PLACED → PAID → SHIPPED → DELIVERED and records each step', async () => {
    const { orderId } = await newOrder();
    for (const status of ['PAID', 'SHIPPED', 'DELIVERED']) {
      const response = await setStatus(orderId, status);
      expect(response.body.data?.setOrderStatus).toEqual({ id: orderId, status });
    }
    const history = await stack.request<{ order: { statusHistory: Array<{ status: string }> } }>(
      'query($id: ID!) { order(id: $id) { statusHistory { status } } }',
      { id: orderId },
    );
    expect(history.body.data?.order.statusHistory.map((change) => change.status)).toEqual(['PLACED', 'PAID', 'SHIPPED', 'DELIVERED']);
  });

  it.each([
    ['skipping a step', ['SHIPPED'], 'PLACED'],
    ['going back', ['PAID', 'PLACED'], 'PAID'],
    ['cancelling once shipped', ['PAID', 'SHIPPED', 'CANCELLED'], 'SHIPPED'],
    ['leaving DELIVERED', ['PAID', 'SHIPPED', 'DELIVERED', 'PAID'], 'DELIVERED'],
    ['repeating a status', ['PAID', 'PAID'], 'PAID'],
  ])('refuses %s with INVALID_TRANSITION and leaves the order as it was', async (_case, steps, stuckAt) => {
    const { orderId } = await newOrder();
    const responses = [];
    for (const status of steps) responses.push(await setStatus(orderId, status));
    const last = responses.at(-1)!;
    expect(last.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: stuckAt, to: steps.at(-1) });
    expect(last.body.errors?.[0]?.message).toMatch(new RegExp(`cannot move from ${stuckAt}`));
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(stuckAt);
  });

  it('lets a customer cancel their own order, returning its stock with one CANCEL stock change', async () => {
    const { orderId, productId } = await newOrder(3);
    expect(await stockOf(stack, productId)).toBe(7);
    const client = wsClient(stack.gateway.url);
    const changes = record<{ stockChanged: { stock: number; delta: number; reason: string } }>(
      client,
      'subscription($id: ID) { stockChanged(productId: $id) { stock delta reason } }',
      { id: productId },
    );
    await untilListening(stack, Topic.StockChanged, 1);
    const response = await cancel(orderId);
    expect(response.body.data?.cancelOrder).toEqual({ id: orderId, status: 'CANCELLED' });
    await changes.until(1);
    expect(changes.results.map((result) => result.data?.stockChanged)).toEqual([{ stock: 10, delta: 3, reason: 'CANCEL' }]);
    expect(await stockOf(stack, productId)).toBe(10);
    // Cancelling again is refused and returns nothing twice.
    expect((await cancel(orderId)).body.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(await stockOf(stack, productId)).toBe(10);
    await changes.dispose();
    await client.dispose();
  });

  it('lets staff cancel a PAID order through setOrderStatus, returning its stock', async () => {
    const { orderId, productId } = await newOrder(4);
    await setStatus(orderId, 'PAID');
    expect((await setStatus(orderId, 'CANCELLED')).body.data?.setOrderStatus.status).toBe('CANCELLED');
    expect(await stockOf(stack, productId)).toBe(10);
  });

  it("hides other customers' orders: NOT_FOUND to cancel, null to read", async () => {
    const { orderId } = await newOrder();
    const stranger = await signUpShopper(stack);
    expect((await cancel(orderId, stranger.authorization)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const read = await stack.request('query($id: ID!) { order(id: $id) { id } }', { id: orderId }, { authorization: stranger.authorization });
    expect(read.body.data).toEqual({ order: null });
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe('PLACED');
  });

  it('keeps setOrderStatus for staff: FORBIDDEN to customers, UNAUTHENTICATED to anonymous callers', async () => {
    const { orderId } = await newOrder();
    expect((await setStatus(orderId, 'PAID', shopper.authorization)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await setStatus(orderId, 'PAID', '')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers NOT_FOUND for an order that does not exist', async () => {
    expect((await setStatus(faker.string.uuid(), 'PAID')).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await setStatus('order-1', 'PAID')).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('orders of a user and sales of a product (federated fields)', () => {
  it("lists the caller's own orders newest first (contract MyOrders) and pages them", async () => {
    const customer = await signUpShopper(stack);
    const placed: string[] = [];
    for (let index = 0; index < 3; index += 1) placed.push((await newOrder(1, customer)).orderId);
    const mine = await stack.request<{ me: { orders: { edges: Array<{ node: { id: string; status: string } }> } } }>(
      contractOperation('MyOrders'),
      {},
      { authorization: customer.authorization },
    );
    expect(mine.body.data?.me.orders.edges.map((edge) => edge.node.id)).toEqual([...placed].reverse());
    const firstPage = await stack.request<{ orders: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string } }> } }>(
      'query { orders(first: 2) { pageInfo { hasNextPage endCursor } edges { node { id } } } }',
      {},
      { authorization: customer.authorization },
    );
    expect(firstPage.body.data?.orders.pageInfo.hasNextPage).toBe(true);
    const secondPage = await stack.request<{ orders: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: { id: string } }> } }>(
      'query($after: String) { orders(first: 2, after: $after) { pageInfo { hasNextPage } edges { node { id } } } }',
      { after: firstPage.body.data?.orders.pageInfo.endCursor },
      { authorization: customer.authorization },
    );
    expect(secondPage.body.data?.orders).toEqual({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: placed[0] } }] });
  });

  it("refuses one customer's orders to another (FORBIDDEN) and shows them to staff", async () => {
    const customer = await signUpShopper(stack);
    const { orderId } = await newOrder(1, customer);
    const query = 'query($id: ID!) { orders(filter: { customerId: $id }) { edges { node { id } } } }';
    expect((await stack.request(query, { id: customer.id }, { authorization: shopper.authorization })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asStaff = await stack.request<{ orders: { edges: Array<{ node: { id: string } }> } }>(query, { id: customer.id }, { authorization: staff });
    expect(asStaff.body.data?.orders.edges).toEqual([{ node: { id: orderId } }]);
  });

  it('refuses a customer filter that is not a user id with BAD_USER_INPUT naming the field', async () => {
    const response = await stack.request('query { orders(filter: { customerId: "alice" }) { totalCount } }', {}, { authorization: staff });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.customerId' });
  });

  it('counts units and revenue of orders that keep their stock in Product.sales', async () => {
    const product = await createProduct(stack, { stock: 20, price: '2.50' });
    await placeOrder(stack, shopper, [{ productId: product.id, quantity: 2 }]);
    const kept = (await placeOrder(stack, shopper, [{ productId: product.id, quantity: 3 }])).body.data!.placeOrder.id;
    const cancelled = (await placeOrder(stack, shopper, [{ productId: product.id, quantity: 4 }])).body.data!.placeOrder.id;
    await setStatus(kept, 'PAID');
    await cancel(cancelled);
    const response = await stack.request<{ product: { sales: { unitsSold: number; revenue: { amount: string; currencyCode: string } } } }>(
      'query($id: ID!) { product(id: $id) { sales { unitsSold revenue { amount currencyCode } } } }',
      { id: product.id },
    );
    expect(response.body.data?.product.sales).toEqual({ unitsSold: 5, revenue: { amount: '12.50', currencyCode: 'EUR' } });
    const unsold = await createProduct(stack, { stock: 1 });
    const none = await stack.request<{ product: { sales: unknown } }>('query($id: ID!) { product(id: $id) { sales { unitsSold revenue { amount currencyCode } } } }', { id: unsold.id });
    expect(none.body.data?.product.sales).toEqual({ unitsSold: 0, revenue: { amount: '0.00', currencyCode: 'EUR' } });
  });
});
