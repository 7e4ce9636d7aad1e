// A mutation that committed is answered with its result even when another service, asked for
// some of the fields, is down: those fields are null with field errors, never `data: null`.
import { faker } from '@faker-js/faker';
import { createProduct, placeOrder, stockOf, openShop, type Shopper } from '@bodega/testing/shop';
import { startStack, type Stack } from '@bodega/testing/stack';
import { lockProduct } from '@bodega/testing/product-lock';

describe('PlaceOrder with the accounts service down', () => {
  let stack: Stack;
  let shopper: Shopper;
  beforeAll(async () => {
    ({ stack, shopper } = await openShop(1214, { redis: true }));
    // The shopper has used the shop before accounts goes down: the services already know their
    // standing (a user never seen while accounts is down is SERVICE_UNAVAILABLE, see revocation tests).
    await stack.request('{ me { id } }', {}, { authorization: shopper.authorization });
  });
  afterAll(() => stack.close());

  it('answers the placed order, with customer null and a SERVICE_UNAVAILABLE field error at customer.email', async () => {
    const product = await createProduct(stack, { stock: 5, price: '4.00' });
    await stack.accounts.close();

    const response = await placeOrder(stack, shopper, [{ productId: product.id, quantity: 2 }]);

    expect(response.status).toBe(200);
    const order = response.body.data?.placeOrder;
    expect(order).toMatchObject({
      status: 'PLACED',
      total: { amount: '8.00', currencyCode: 'EUR' },
      items: [{ quantity: 2, product: { id: product.id, name: product.name, stock: 3 } }],
      customer: null,
    });
    expect(response.body.errors).toEqual([
      {
        message: 'The accounts service cannot be reached right now, so this field is missing; the rest of the answer stands.',
        path: ['placeOrder', 'customer', 'email'],
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'accounts' },
      },
    ]);
    // One try, one order: the answer told the truth.
    expect(await stack.prisma.order.count({ where: { customerId: shopper.id } })).toBe(1);
    expect(await stockOf(stack, product.id)).toBe(3);
  });

  it('reads an order with products down too: each item keeps its quantity, each product is null with an error at its index', async () => {
    const [first, second] = [await createProduct(stack, { stock: 5 }), await createProduct(stack, { stock: 5 })];
    const placed = await placeOrder(stack, shopper, [
      { productId: first.id, quantity: 1 },
      { productId: second.id, quantity: 2 },
    ]);
    await stack.products.close();

    const response = await stack.request<{ order: { id: string; items: Array<{ quantity: number; product: null }> } }>(
      'query ($id: ID!) { order(id: $id) { id items { quantity product { name } } } }',
      { id: placed.body.data!.placeOrder.id },
      { authorization: shopper.authorization },
    );

    expect(response.body.data?.order.items).toEqual([
      { quantity: 1, product: null },
      { quantity: 2, product: null },
    ]);
    expect(response.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['order', 'items', 0, 'product', 'name'], 'SERVICE_UNAVAILABLE'],
      [['order', 'items', 1, 'product', 'name'], 'SERVICE_UNAVAILABLE'],
    ]);
  });
});

describe('SellProduct with the orders service down', () => {
  let stack: Stack;
  beforeAll(async () => {
    faker.seed(1215);
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('answers the sale with sales null and a field error; the stock is taken once', async () => {
    const product = await createProduct(stack, { stock: 4 });
    await stack.orders.close();

    const response = await stack.request<{ sellProduct: { id: string; stock: number; sales: null } }>(
      'mutation ($id: ID!) { sellProduct(id: $id, quantity: 1) { id stock sales { unitsSold } } }',
      { id: product.id },
    );

    expect(response.body.data?.sellProduct).toEqual({ id: product.id, stock: 3, sales: null });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: ['sellProduct', 'sales'], extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'orders' } }),
    ]);
    expect(await stockOf(stack, product.id)).toBe(3);
  });
});

describe('a mutation whose service stops answering half-way', () => {
  let stack: Stack;
  let shopper: Shopper;
  beforeAll(async () => {
    ({ stack, shopper } = await openShop(1216));
  });
  afterAll(() => stack.close());

  it('is SERVICE_UNAVAILABLE saying the outcome is unknown, not "try again"', async () => {
    const product = await createProduct(stack, { stock: 5 });
    const lock = await lockProduct(stack.db.url, product.id);
    const answer = placeOrder(stack, shopper, [{ productId: product.id, quantity: 1 }], 'cut-off-order');
    await lock.untilAnOrderWaits();

    await stack.orders.close({ graceMs: 0 }); // cuts the gateway's request to orders off mid-way
    const response = await answer;
    await lock.release();
    await lock.close();

    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      {
        message: expect.stringMatching(/^The orders service stopped answering, so whether this change was made is unknown; check before repeating it/),
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'orders', outcomeUnknown: true },
      },
    ]);
  });
});
