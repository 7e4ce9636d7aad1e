import { Topic, type StockChangedEvent } from '@bodega/events';
import { startHarness, type Harness } from './harness';

const SELL = 'mutation ($id: ID!, $q: Int!) { sellProduct(id: $id, quantity: $q) { id stock } }';
const RESTOCK = 'mutation ($id: ID!, $q: Int!) { restockProduct(id: $id, quantity: $q) { id stock } }';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function productWithStock(stock: number, lowStockThreshold = 10) {
  return h.prisma.product.create({ data: { name: `Stocked ${stock}`, stock, lowStockThreshold } });
}

describe('selling and restocking', () => {
  it('decrements stock by the quantity sold', async () => {
    const product = await productWithStock(12);
    const result = await h.run(SELL, { id: product.id, q: 5 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.sellProduct).toEqual({ id: product.id, stock: 7 });
  });

  it('refuses a sale that would take stock below zero and leaves stock unchanged', async () => {
    const product = await productWithStock(3);
    const result = await h.run(SELL, { id: product.id, q: 4 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_STOCK', available: 3, requested: 4 });
    expect(result.errors?.[0]?.message).toContain('Only 3');
    const after = await h.prisma.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after.stock).toBe(3);
  });

  it('never oversells: 50 concurrent single sales of the last 30 units sell exactly 30', async () => {
    const product = await productWithStock(30);
    const results = await Promise.all(Array.from({ length: 50 }, () => h.run(SELL, { id: product.id, q: 1 })));
    const sold = results.filter((result) => !result.errors);
    const refused = results.filter((result) => result.errors?.[0]?.extensions?.code === 'OUT_OF_STOCK');
    expect(sold).toHaveLength(30);
    expect(refused).toHaveLength(20);
    // Each sale answers with the stock it left, not a later read: 29..0, each once.
    const answered = sold.map((result) => result.data?.sellProduct.stock as number).sort((a, b) => a - b);
    expect(answered).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const after = await h.prisma.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after.stock).toBe(0);
  });

  it('answers a sale with the whole product as the sale left it', async () => {
    const product = await h.prisma.product.create({
      data: { name: 'Priced', stock: 9, priceAmount: '4.5', priceCurrency: 'EUR', keywords: ['x'] },
    });
    const result = await h.run(
      'mutation ($id: ID!) { sellProduct(id: $id, quantity: 2) { stock name keywords price { amount currencyCode } enrichment { status source } lowStock createdAt } }',
      { id: product.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.sellProduct).toMatchObject({
      stock: 7,
      name: 'Priced',
      keywords: ['x'],
      price: { amount: '4.50', currencyCode: 'EUR' },
      enrichment: { status: 'SKIPPED', source: 'MANUAL' },
      lowStock: true,
      createdAt: product.createdAt.toISOString(),
    });
  });

  it('adds restocked units', async () => {
    const product = await productWithStock(2);
    const result = await h.run(RESTOCK, { id: product.id, q: 40 });
    expect(result.data?.restockProduct).toEqual({ id: product.id, stock: 42 });
  });

  it.each([
    [0, 'must be at least 1'],
    [-5, 'must be at least 1'],
    [2_000_000, 'must be at most'],
  ])('rejects quantity %p as bad input naming the field', async (quantity, message) => {
    const product = await productWithStock(10);
    for (const operation of [SELL, RESTOCK]) {
      const result = await h.run(operation, { id: product.id, q: quantity });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
      expect(result.errors?.[0]?.message).toContain(message);
    }
  });

  it('answers NOT_FOUND for a product that does not exist, whatever the id looks like', async () => {
    for (const id of ['7b0c6a0e-6a5e-4a4e-9d7e-1f1f1f1f1f1f', 'not-an-id']) {
      const result = await h.run(SELL, { id, q: 1 });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('publishes one stock event per committed change, with the reason', async () => {
    const product = await productWithStock(20);
    const seen: StockChangedEvent[] = [];
    const unsubscribe = await h.events.subscribe(Topic.StockChanged, (event) => {
      if (event.productId === product.id) seen.push(event);
    });
    await h.run(SELL, { id: product.id, q: 2 });
    await h.run(SELL, { id: product.id, q: 100 });
    await h.run(RESTOCK, { id: product.id, q: 5 });
    unsubscribe();
    expect(seen.map(({ stock, delta, reason }) => ({ stock, delta, reason }))).toEqual([
      { stock: 18, delta: -2, reason: 'SALE' },
      { stock: 23, delta: 5, reason: 'RESTOCK' },
    ]);
  });
});
