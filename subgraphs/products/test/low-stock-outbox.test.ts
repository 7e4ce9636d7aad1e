import { randomUUID } from 'node:crypto';
import { Topic, type LowStockAlertEvent } from '@bodega/events';
import { faker } from '@faker-js/faker';
import { startHarness, type Harness } from './harness';
import { bearer } from '@bodega/testing/auth';

let h: Harness;
beforeAll(async () => {
  faker.seed(17);
  h = await startHarness();
});
afterAll(() => h.close());

const SELL = 'mutation ($id: ID!, $quantity: Int!) { sellProduct(id: $id, quantity: $quantity) { stock } }';
const RESTOCK = 'mutation ($id: ID!, $quantity: Int!) { restockProduct(id: $id, quantity: $quantity) { stock } }';
const RESERVE =
  'mutation ($orderId: ID!, $items: [StockItemInput!]!) { reserveStock(orderId: $orderId, items: $items) { status } }';

function product(stock: number, lowStockThreshold: number) {
  return h.prisma.product.create({
    data: { name: faker.commerce.productName(), stock, lowStockThreshold, priceAmount: '3.00', priceCurrency: 'EUR' },
  });
}

/** The orders service, as its signed requests prove it. */
const ordersService = { service: 'orders' };

describe('low-stock alerts are recorded with the change that crosses the threshold (outbox)', () => {
  it('records exactly one low-stock and one out-of-stock alert when 20 concurrent sales take stock below the threshold and to 0', async () => {
    const { id } = await product(15, 10);
    const published: LowStockAlertEvent[] = [];
    const unsubscribe = await h.events.subscribe(Topic.LowStockAlert, (event) => void (event.productId === id && published.push(event)));
    await Promise.all(Array.from({ length: 20 }, () => h.run(SELL, { id, quantity: 1 })));
    const alerts = await h.prisma.stockAlert.findMany({ where: { productId: id }, orderBy: { stockVersion: 'asc' } });
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatchObject({ kind: 'LOW_STOCK', stock: 9, threshold: 10, deliveryStatus: 'PENDING', attempts: 0, resolvedAt: null });
    expect(alerts[1]).toMatchObject({ kind: 'OUT_OF_STOCK', stock: 0, threshold: 10, resolvedAt: null });
    await new Promise((resolve) => setImmediate(resolve));
    expect(published.map((event) => [event.alertId, event.kind])).toEqual([
      [alerts[0]!.id, 'LOW_STOCK'],
      [alerts[1]!.id, 'OUT_OF_STOCK'],
    ]);
    unsubscribe();
  });

  it('keeps at most one open alert of a kind, open exactly while its condition holds, under concurrent sales and restocks', async () => {
    const { id } = await product(10, 10);
    await Promise.all(Array.from({ length: 40 }, (_, i) => h.run(i % 2 ? RESTOCK : SELL, { id, quantity: i % 4 < 2 ? 3 : 7 })));
    const { stock } = await h.prisma.product.findUniqueOrThrow({ where: { id } });
    const open = await h.prisma.stockAlert.findMany({ where: { productId: id, resolvedAt: null } });
    expect(open.filter((alert) => alert.kind === 'LOW_STOCK')).toHaveLength(stock < 10 ? 1 : 0);
    expect(open.filter((alert) => alert.kind === 'OUT_OF_STOCK')).toHaveLength(stock === 0 ? 1 : 0);
    // The ledger holds every committed change, consecutive versions, adding up to the stock.
    const movements = await h.prisma.stockMovement.findMany({ where: { productId: id }, orderBy: { stockVersion: 'asc' } });
    expect(movements.map((movement) => movement.stockVersion)).toEqual(movements.map((_, index) => index + 1));
    expect(10 + movements.reduce((sum, movement) => sum + movement.delta, 0)).toBe(stock);
  });

  it('records nothing while stock stays below the threshold, and again after a restock lifts it', async () => {
    const { id } = await product(12, 10);
    await h.run(SELL, { id, quantity: 3 }); // 12 → 9: crosses
    await h.run(SELL, { id, quantity: 1 }); // 9 → 8: already below
    await h.run(RESTOCK, { id, quantity: 5 }); // 8 → 13
    await h.run(SELL, { id, quantity: 10 }); // 13 → 3: crosses again
    const alerts = await h.prisma.stockAlert.findMany({ where: { productId: id }, orderBy: { stockVersion: 'asc' } });
    expect(alerts.map((alert) => alert.stock)).toEqual([9, 3]);
  });

  it('records the alert when an order takes stock below the threshold, and none when the order is refused', async () => {
    const low = await product(11, 10);
    const scarce = await product(1, 0);
    const refused = await h.run(RESERVE, { orderId: randomUUID(), items: [{ productId: low.id, quantity: 5 }, { productId: scarce.id, quantity: 2 }] }, ordersService);
    expect(refused.errors?.[0]?.extensions?.code).toBe('OUT_OF_STOCK');
    expect(await h.prisma.stockAlert.count({ where: { productId: low.id } })).toBe(0);
    const taken = await h.run(RESERVE, { orderId: randomUUID(), items: [{ productId: low.id, quantity: 5 }] }, ordersService);
    expect(taken.data?.reserveStock.status).toBe('RESERVED');
    expect(await h.prisma.stockAlert.findMany({ where: { productId: low.id }, select: { stock: true } })).toEqual([{ stock: 6 }]);
  });

  it('keeps the internal reserve to services: a staff token is FORBIDDEN', async () => {
    const { id } = await product(5, 1);
    const response = await h.run(RESERVE, { orderId: randomUUID(), items: [{ productId: id, quantity: 1 }] }, await bearer('STAFF'));
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await h.prisma.product.findUniqueOrThrow({ where: { id } })).stock).toBe(5);
  });
});
