import { faker } from '@faker-js/faker';
import type { Stack } from '@bodega/testing/stack';
import { createProduct, placeOrder, stockOf, openShop, signUpShopper, type Shopper } from '@bodega/testing/shop';

let stack: Stack;
let shopper: Shopper;

beforeAll(async () => {
  ({ stack, shopper } = await openShop(5));
});
afterAll(() => stack.close());

describe('placeOrder (contract PlaceOrder, through the gateway)', () => {
  it('takes the stock and answers with the order, its total, items and customer', async () => {
    const mug = await createProduct(stack, { stock: 10, price: '12.50' });
    const tea = await createProduct(stack, { stock: 5, price: '3.20' });
    const response = await placeOrder(stack, shopper, [
      { productId: mug.id, quantity: 2 },
      { productId: tea.id, quantity: 3 },
    ]);
    expect(response.body.errors).toBeUndefined();
    const order = response.body.data!.placeOrder;
    expect(order.status).toBe('PLACED');
    expect(order.total).toEqual({ amount: '34.60', currencyCode: 'EUR' });
    expect(order.customer).toEqual({ id: shopper.id, email: shopper.email });
    expect(order.items).toEqual([
      { quantity: 2, product: { id: mug.id, name: mug.name, stock: 8 } },
      { quantity: 3, product: { id: tea.id, name: tea.name, stock: 2 } },
    ]);
  });

  it('keeps the price an item had when it was ordered, whatever the price becomes', async () => {
    const lamp = await createProduct(stack, { stock: 3, price: '40.00' });
    const placed = (await placeOrder(stack, shopper, [{ productId: lamp.id, quantity: 1 }])).body.data!.placeOrder;
    await stack.request('mutation($id: ID!) { updateProduct(id: $id, input: { price: { amount: "99.00", currencyCode: "EUR" } }) { id } }', { id: lamp.id });
    const read = await stack.request<{ order: { total: { amount: string }; items: Array<{ unitPrice: { amount: string } }> } }>(
      'query($id: ID!) { order(id: $id) { total { amount } items { unitPrice { amount } } } }',
      { id: placed.id },
      { authorization: shopper.authorization },
    );
    expect(read.body.data?.order).toEqual({ total: { amount: '40.00' }, items: [{ unitPrice: { amount: '40.00' } }] });
  });

  it('takes nothing at all when one item lacks stock, and names that product', async () => {
    const plenty = await createProduct(stack, { stock: 10 });
    const scarce = await createProduct(stack, { stock: 1 });
    const response = await placeOrder(stack, shopper, [
      { productId: plenty.id, quantity: 4 },
      { productId: scarce.id, quantity: 2 },
    ]);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_STOCK', productId: scarce.id, available: 1, requested: 2 });
    expect(response.body.errors?.[0]?.message).toContain(scarce.name);
    expect(await stockOf(stack, plenty.id)).toBe(10);
    expect(await stockOf(stack, scarce.id)).toBe(1);
    expect(await stack.prisma.order.count({ where: { customerId: shopper.id, items: { some: { productId: plenty.id } } } })).toBe(0);
  });

  it('sells exactly the stock there is when 200 orders compete for 50 units', async () => {
    const hot = await createProduct(stack, { stock: 50 });
    const shoppers = await Promise.all(Array.from({ length: 4 }, () => signUpShopper(stack)));
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) => placeOrder(stack, shoppers[index % shoppers.length]!, [{ productId: hot.id, quantity: 1 }])),
    );
    const placed = responses.filter((response) => response.body.data?.placeOrder.status === 'PLACED');
    const refused = responses.filter((response) => response.body.errors?.[0]?.extensions?.code === 'OUT_OF_STOCK');
    expect(placed).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(await stockOf(stack, hot.id)).toBe(0);
    const sold = await stack.prisma.orderItem.aggregate({ where: { productId: hot.id, order: { status: 'PLACED' } }, _sum: { quantity: true } });
    expect(sold._sum.quantity).toBe(50);
    // Refused attempts leave nothing behind: no pending order, no reservation holding stock.
    expect(await stack.prisma.order.count({ where: { status: { in: ['PENDING', 'ABANDONED'] } } })).toBe(0);
    expect(await stack.prisma.stockReservationItem.aggregate({ where: { productId: hot.id, reservation: { status: 'RESERVED' } }, _sum: { quantity: true } }))
      .toEqual({ _sum: { quantity: 50 } });
  }, 120_000); // 200 requests through the gateway: seconds alone, longer beside other test files on 2 cores

  it('returns the same order for the same idempotency key, also when both requests arrive at once', async () => {
    const product = await createProduct(stack, { stock: 10 });
    const key = faker.string.uuid();
    const [first, second] = await Promise.all([
      placeOrder(stack, shopper, [{ productId: product.id, quantity: 3 }], key),
      placeOrder(stack, shopper, [{ productId: product.id, quantity: 3 }], key),
    ]);
    expect(first.body.errors).toBeUndefined();
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data!.placeOrder.id).toBe(first.body.data!.placeOrder.id);
    const again = await placeOrder(stack, shopper, [{ productId: product.id, quantity: 3 }], key);
    expect(again.body.data!.placeOrder.id).toBe(first.body.data!.placeOrder.id);
    expect(await stockOf(stack, product.id)).toBe(7);
    expect(await stack.prisma.order.count({ where: { customerId: shopper.id, idempotencyKey: key } })).toBe(1);
  });

  it('keeps idempotency keys per customer: the same key from another customer is another order', async () => {
    const product = await createProduct(stack, { stock: 10 });
    const other = await signUpShopper(stack);
    const key = faker.string.uuid();
    const mine = await placeOrder(stack, shopper, [{ productId: product.id, quantity: 1 }], key);
    const theirs = await placeOrder(stack, other, [{ productId: product.id, quantity: 1 }], key);
    expect(theirs.body.data!.placeOrder.id).not.toBe(mine.body.data!.placeOrder.id);
    expect(await stockOf(stack, product.id)).toBe(8);
  });

  it('refuses a key reused for different items with CONFLICT', async () => {
    const product = await createProduct(stack, { stock: 10 });
    const key = faker.string.uuid();
    await placeOrder(stack, shopper, [{ productId: product.id, quantity: 1 }], key);
    const reused = await placeOrder(stack, shopper, [{ productId: product.id, quantity: 2 }], key);
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(reused.body.errors?.[0]?.message).toMatch(/idempotencyKey/);
    expect(await stockOf(stack, product.id)).toBe(9);
  });

  it('lets a key be used again after its order was refused for lack of stock', async () => {
    const product = await createProduct(stack, { stock: 1 });
    const key = faker.string.uuid();
    const refused = await placeOrder(stack, shopper, [{ productId: product.id, quantity: 2 }], key);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('OUT_OF_STOCK');
    await stack.request('mutation($id: ID!) { restockProduct(id: $id, quantity: 5) { id } }', { id: product.id });
    const retried = await placeOrder(stack, shopper, [{ productId: product.id, quantity: 2 }], key);
    expect(retried.body.data?.placeOrder.status).toBe('PLACED');
    expect(await stockOf(stack, product.id)).toBe(4);
  });

  it('merges a product named twice into one item', async () => {
    const product = await createProduct(stack, { stock: 10, price: '2.00' });
    const response = await placeOrder(stack, shopper, [
      { productId: product.id, quantity: 1 },
      { productId: product.id, quantity: 2 },
    ]);
    expect(response.body.data?.placeOrder.items).toEqual([{ quantity: 3, product: expect.objectContaining({ id: product.id, stock: 7 }) }]);
    expect(response.body.data?.placeOrder.total.amount).toBe('6.00');
  });

  it.each([
    ['no items', [], 'input.items'],
    ['a quantity of 0', [{ productId: '00000000-0000-4000-8000-000000000000', quantity: 0 }], 'input.items.0.quantity'],
    ['a product id that is not one', [{ productId: 'mug', quantity: 1 }], 'input.items.0.productId'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, items, field) => {
    const response = await placeOrder(stack, shopper, items as never);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses an unknown product with NOT_FOUND and a product without a price with BAD_USER_INPUT', async () => {
    const unknown = await placeOrder(stack, shopper, [{ productId: faker.string.uuid(), quantity: 1 }]);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unpriced = await createProduct(stack, { stock: 3, price: null });
    const response = await placeOrder(stack, shopper, [{ productId: unpriced.id, quantity: 1 }]);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toMatch(/no price/);
    expect(await stockOf(stack, unpriced.id)).toBe(3);
  });

  it('refuses an order mixing currencies, taking nothing', async () => {
    const euro = await createProduct(stack, { stock: 3, price: '1.00' });
    const dollar = await createProduct(stack, { stock: 3, price: '1.00', currencyCode: 'USD' });
    const response = await placeOrder(stack, shopper, [
      { productId: euro.id, quantity: 1 },
      { productId: dollar.id, quantity: 1 },
    ]);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect([await stockOf(stack, euro.id), await stockOf(stack, dollar.id)]).toEqual([3, 3]);
  });

  it('asks anonymous callers to sign in', async () => {
    const product = await createProduct(stack, { stock: 3 });
    const response = await placeOrder(stack, { id: '', email: '', authorization: '' }, [{ productId: product.id, quantity: 1 }]);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
