import { Topic } from '@bodega/events';
import { faker } from '@faker-js/faker';
import { bearer } from '@bodega/testing/auth';
import { untilListening } from '@bodega/testing/live';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { record, wsClient } from '@bodega/testing/ws';
import { createProduct, placeOrder, signUpShopper, takeAdminSeat } from '@bodega/testing/shop';

let stack: Stack;

beforeAll(async () => {
  faker.seed(13);
  stack = await startStack();
  await takeAdminSeat(stack);
});
afterAll(() => stack.close());

interface OrderEvent {
  orderEvent: { type: string; order: { id: string; status: string; total: { amount: string } } };
}

describe('orderEvent (contract OrderEvents, over graphql-ws through the gateway)', () => {
  it('tells staff about every order and a customer only about their own', async () => {
    const alice = await signUpShopper(stack);
    const bob = await signUpShopper(stack);
    const staffClient = wsClient(stack.gateway.url, { connectionParams: { authorization: await bearer('STAFF') } });
    const aliceClient = wsClient(stack.gateway.url, { connectionParams: { authorization: alice.authorization } });
    const staffFeed = record<OrderEvent>(staffClient, contractOperation('OrderEvents'));
    const aliceFeed = record<OrderEvent>(aliceClient, contractOperation('OrderEvents'));
    await untilListening(stack, Topic.OrderEvent, 2);

    const product = await createProduct(stack, { stock: 10, price: '4.00' });
    const bobs = (await placeOrder(stack, bob, [{ productId: product.id, quantity: 1 }])).body.data!.placeOrder.id;
    const alices = (await placeOrder(stack, alice, [{ productId: product.id, quantity: 2 }])).body.data!.placeOrder.id;
    await stack.request(contractOperation('SetOrderStatus'), { id: alices, status: 'PAID' }, { authorization: await bearer('STAFF') });
    await stack.request(contractOperation('CancelOrder'), { id: alices }, { authorization: alice.authorization });

    await staffFeed.until(4);
    await aliceFeed.until(3);
    expect(staffFeed.results.map((result) => [result.data?.orderEvent.type, result.data?.orderEvent.order.id])).toEqual([
      ['PLACED', bobs],
      ['PLACED', alices],
      ['STATUS_CHANGED', alices],
      ['CANCELLED', alices],
    ]);
    expect(aliceFeed.results.map((result) => result.data?.orderEvent)).toEqual([
      { type: 'PLACED', order: { id: alices, status: expect.any(String), total: { amount: '8.00' } } },
      { type: 'STATUS_CHANGED', order: { id: alices, status: expect.any(String), total: { amount: '8.00' } } },
      { type: 'CANCELLED', order: { id: alices, status: 'CANCELLED', total: { amount: '8.00' } } },
    ]);
    await Promise.all([staffFeed.dispose(), aliceFeed.dispose()]);
    await Promise.all([staffClient.dispose(), aliceClient.dispose()]);
  });

  it('asks anonymous subscribers to sign in', async () => {
    const client = wsClient(stack.gateway.url, { connectionParams: {} });
    const feed = record<OrderEvent>(client, contractOperation('OrderEvents'));
    await feed.until(1).catch(() => undefined);
    const error = feed.results[0]?.errors?.[0] ?? (feed.ended as Array<{ extensions?: { code?: string } }> | undefined)?.[0];
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    await client.dispose();
  });

  it('resolves the contract StockChanged with Product.sales from this subgraph, after an order', async () => {
    const shopper = await signUpShopper(stack);
    const product = await createProduct(stack, { stock: 10, price: '1.50', lowStockThreshold: 3 });
    const client = wsClient(stack.gateway.url);
    const feed = record<{ stockChanged: { stock: number; delta: number; reason: string; product: Record<string, unknown> } }>(
      client,
      contractOperation('StockChanged'),
      { productId: product.id },
    );
    await untilListening(stack, Topic.StockChanged, 1);
    await placeOrder(stack, shopper, [{ productId: product.id, quantity: 2 }]);
    await feed.until(1);
    expect(feed.results[0]?.data?.stockChanged).toEqual({
      stock: 8,
      delta: -2,
      reason: 'ORDER',
      product: { id: product.id, name: product.name, lowStockThreshold: 3, sales: { unitsSold: 2 } },
    });
    await feed.dispose();
    await client.dispose();
  });
});
