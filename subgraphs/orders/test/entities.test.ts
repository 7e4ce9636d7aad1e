import { randomUUID } from 'node:crypto';
import { faker } from '@faker-js/faker';
import { bearer } from '@bodega/testing/auth';
import { startHarness, type Harness } from './harness';

/** What the gateway sends for `product { sales }`: a representation per product, resolved by this subgraph. */
const PRODUCT_SALES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id sales { unitsSold revenue { amount currencyCode } } } }
}`;

/** What the gateway sends for `user { orders }`, with the caller's token forwarded. */
const USER_ORDERS = `query ($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) {
    ... on User { id orders(first: $first) { totalCount pageInfo { hasNextPage } edges { node { id status total { amount currencyCode } } } } }
  }
}`;

faker.seed(13);
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

const price = () => faker.commerce.price({ min: 1, max: 90, dec: 2 });

describe('Product.sales through _entities', () => {
  it('counts units and revenue of orders that keep their stock, per product, in the order asked', async () => {
    const [mug, lamp, unsold] = [randomUUID(), randomUUID(), randomUUID()];
    const customerId = randomUUID();
    const mugPrice = price();
    await harness.insertOrder({ customerId, items: [{ productId: mug, quantity: 2, unitPrice: mugPrice }, { productId: lamp, quantity: 1, unitPrice: '40.00' }] });
    await harness.insertOrder({ customerId, status: 'SHIPPED', items: [{ productId: mug, quantity: 3, unitPrice: mugPrice }] });
    await harness.insertOrder({ customerId, status: 'CANCELLED', items: [{ productId: lamp, quantity: 5, unitPrice: '40.00' }] });

    const result = await harness.run(PRODUCT_SALES, {
      representations: [mug, unsold, lamp].map((id) => ({ __typename: 'Product', id })),
    });

    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: mug, sales: { unitsSold: 5, revenue: { amount: (5 * Number(mugPrice)).toFixed(2), currencyCode: 'EUR' } } },
      { id: unsold, sales: { unitsSold: 0, revenue: { amount: '0.00', currencyCode: 'EUR' } } },
      { id: lamp, sales: { unitsSold: 1, revenue: { amount: '40.00', currencyCode: 'EUR' } } },
    ]);
  });

  it('answers an anonymous caller too: sales are public, like the product', async () => {
    const productId = randomUUID();
    await harness.insertOrder({ customerId: randomUUID(), items: [{ productId, quantity: 4, unitPrice: '2.50' }] });
    const result = await harness.run(PRODUCT_SALES, { representations: [{ __typename: 'Product', id: productId }] }, null);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: productId, sales: { unitsSold: 4, revenue: { amount: '10.00', currencyCode: 'EUR' } } }]);
  });
});

describe('User.orders through _entities, with the caller forwarded', () => {
  it("gives the customer their own orders, newest first, and none of another customer's", async () => {
    const customerId = randomUUID();
    const token = await bearer('CUSTOMER', customerId);
    const older = await harness.insertOrder({ customerId, items: [{ productId: randomUUID(), quantity: 1, unitPrice: '5.00' }] });
    const newer = await harness.insertOrder({ customerId, status: 'PAID', items: [{ productId: randomUUID(), quantity: 2, unitPrice: '3.00' }] });
    await harness.insertOrder({ customerId: randomUUID(), items: [{ productId: randomUUID(), quantity: 1, unitPrice: '9.00' }] });

    const result = await harness.run(USER_ORDERS, { representations: [{ __typename: 'User', id: customerId }], first: 10 }, token);

    expect(result.errors).toBeUndefined();
    const [user] = result.data!._entities;
    expect(user.id).toBe(customerId);
    expect(user.orders.totalCount).toBe(2);
    expect(user.orders.pageInfo.hasNextPage).toBe(false);
    expect(user.orders.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([newer, older]);
    expect(user.orders.edges[0].node).toEqual({ id: newer, status: 'PAID', total: { amount: '6.00', currencyCode: 'EUR' } });
  });

  it("lets STAFF read any customer's orders", async () => {
    const customerId = randomUUID();
    const id = await harness.insertOrder({ customerId, items: [{ productId: randomUUID(), quantity: 1, unitPrice: '1.00' }] });
    const result = await harness.run(USER_ORDERS, { representations: [{ __typename: 'User', id: customerId }] });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0].orders.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([id]);
  });

  it("refuses another customer's orders with FORBIDDEN and shows none of them", async () => {
    const customerId = randomUUID();
    await harness.insertOrder({ customerId, items: [{ productId: randomUUID(), quantity: 1, unitPrice: '1.00' }] });
    const stranger = await bearer('CUSTOMER');
    const result = await harness.run(USER_ORDERS, { representations: [{ __typename: 'User', id: customerId }] }, stranger);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.data?._entities[0]?.orders ?? null).toBeNull();
  });

  it('asks an anonymous caller to sign in (UNAUTHENTICATED)', async () => {
    const result = await harness.run(USER_ORDERS, { representations: [{ __typename: 'User', id: randomUUID() }] }, null);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toMatch(/sign in|log in|signed in/i);
  });
});
