import { Topic } from '@bodega/events';
import { faker } from '@faker-js/faker';
import { bearer } from '@bodega/testing/auth';
import { alertDeliveryConfig } from '@bodega/products';
import { untilListening } from '@bodega/testing/live';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { record, wsClient } from '@bodega/testing/ws';
import { LEDGER_OPERATIONS as OPS } from './support/ledger-operations';
import { checkedRequest } from './support/responses';

interface AlertNode {
  id: string;
  kind: 'LOW_STOCK' | 'OUT_OF_STOCK';
  open: boolean;
  resolvedAt: string | null;
  stock: number;
  threshold: number;
  delivery: { status: string; attempts: number };
  product: { id: string };
}

let stack: Stack;
const send = checkedRequest(() => stack);

beforeAll(async () => {
  faker.seed(1718);
  // Delivery configured as a deployment without ALERT_WEBHOOK_URL would have it.
  stack = await startStack({ alerts: alertDeliveryConfig() });
});
afterAll(() => stack.close());

async function createProduct(stock: number, lowStockThreshold: number): Promise<string> {
  const input = { name: faker.commerce.productName(), description: 'An alert test product.', categoryId: '638', stock, lowStockThreshold };
  const response = await send<{ createProduct: { id: string } }>(contractOperation('CreateProduct'), { input });
  if (!response.body.data) throw new Error(`CreateProduct failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.createProduct.id;
}

async function alertsOf(productId: string, filter: { open?: boolean; kind?: string } = {}): Promise<AlertNode[]> {
  const response = await send<{ stockAlerts: { edges: Array<{ node: AlertNode }> } }>(OPS.OpenAlerts, { productId, ...filter });
  if (!response.body.data) throw new Error(`StockAlerts failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.stockAlerts.edges.map((edge) => edge.node);
}

const summary = (alerts: AlertNode[]) => alerts.map(({ kind, open, stock, threshold }) => ({ kind, open, stock, threshold }));

describe('stock alerts that mean something (through the gateway)', () => {
  it('alerts for a product created below its threshold, and separately when it is created out of stock', async () => {
    const low = await createProduct(3, 10);
    const empty = await createProduct(0, 5);
    const fine = await createProduct(10, 10);
    expect(summary(await alertsOf(low))).toEqual([{ kind: 'LOW_STOCK', open: true, stock: 3, threshold: 10 }]);
    expect(summary(await alertsOf(empty)).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'LOW_STOCK', open: true, stock: 0, threshold: 5 },
      { kind: 'OUT_OF_STOCK', open: true, stock: 0, threshold: 5 },
    ]);
    expect(await alertsOf(fine)).toEqual([]);
  });

  it('says the webhook is not configured instead of a delivery that never moves', async () => {
    const id = await createProduct(1, 10);
    const [alert] = await alertsOf(id);
    expect(alert?.delivery).toEqual({ status: 'NOT_CONFIGURED', attempts: 0 });
    const byStatus = await send<{ stockAlerts: { edges: Array<{ node: { id: string } }> } }>(
      'query { stockAlerts(first: 100, filter: { status: NOT_CONFIGURED }) { edges { node { id } } } }',
    );
    expect(byStatus.body.data!.stockAlerts.edges.map((edge) => edge.node.id)).toContain(alert!.id);
    const pending = await send<{ stockAlerts: { edges: unknown[] } }>('query { stockAlerts(first: 100, filter: { status: PENDING }) { edges { node { id } } } }');
    expect(pending.body.data!.stockAlerts.edges).toEqual([]);
  });

  it('alerts when the threshold is raised above the stock, and resolves when it is lowered to the stock', async () => {
    const id = await createProduct(12, 10);
    const raised = await send<{ updateProduct: { lowStock: boolean } }>(OPS.UpdateThreshold, { id, threshold: 20 });
    expect(raised.body.data?.updateProduct.lowStock).toBe(true);
    expect(summary(await alertsOf(id))).toEqual([{ kind: 'LOW_STOCK', open: true, stock: 12, threshold: 20 }]);
    await send(OPS.UpdateThreshold, { id, threshold: 25 }); // still low: no second alert
    expect(await alertsOf(id)).toHaveLength(1);
    await send(OPS.UpdateThreshold, { id, threshold: 12 });
    const [resolved] = await alertsOf(id);
    expect(resolved).toMatchObject({ open: false, resolvedAt: expect.any(String) });
  });

  it('alerts when adjustStock takes stock below the threshold or to 0, resolving out of stock at the first unit back and low stock at the threshold', async () => {
    const id = await createProduct(15, 10);
    await send(OPS.AdjustStock, { id, delta: -7, reason: 'DAMAGED' }); // 8: low
    await send(OPS.AdjustStock, { id, delta: -8, reason: 'CORRECTION' }); // 0: out of stock
    expect(summary(await alertsOf(id, { open: true })).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'LOW_STOCK', open: true, stock: 8, threshold: 10 },
      { kind: 'OUT_OF_STOCK', open: true, stock: 0, threshold: 10 },
    ]);
    await send(OPS.AdjustStock, { id, delta: 4, reason: 'RECEIVED' }); // 4: still low, no longer out
    expect(summary(await alertsOf(id, { open: true }))).toEqual([{ kind: 'LOW_STOCK', open: true, stock: 8, threshold: 10 }]);
    expect(summary(await alertsOf(id, { open: false }))).toEqual([{ kind: 'OUT_OF_STOCK', open: false, stock: 0, threshold: 10 }]);
    await send(contractOperation('RestockProduct'), { id, quantity: 6 }); // 10: at the threshold
    expect(await alertsOf(id, { open: true })).toEqual([]);
    expect(await alertsOf(id, { kind: 'OUT_OF_STOCK' })).toHaveLength(1);
  });

  it('streams an alert as it opens and as it resolves (stockAlertUpdated), to staff only', async () => {
    const id = await createProduct(11, 10);
    const client = wsClient(stack.gateway.url);
    const feed = record<{ stockAlertUpdated: { id: string; kind: string; open: boolean; resolvedAt: string | null; stock: number; product: { id: string; stock: number } } }>(
      client,
      OPS.StockAlertUpdated,
    );
    await untilListening(stack, Topic.StockAlertUpdated, 1);
    await send(contractOperation('SellProduct'), { id, quantity: 2 }); // 9: opens
    await send(contractOperation('RestockProduct'), { id, quantity: 5 }); // 14: resolves
    await feed.until(2);
    const updates = feed.results.map((result) => result.data?.stockAlertUpdated).filter((alert) => alert?.product.id === id);
    expect(updates.map((alert) => [alert?.kind, alert?.open, alert?.stock])).toEqual([
      ['LOW_STOCK', true, 9],
      ['LOW_STOCK', false, 9],
    ]);
    expect(updates[1]?.resolvedAt).toEqual(expect.any(String));
    expect(updates[0]?.id).toBe(updates[1]?.id);
    feed.dispose();
    await client.dispose();

    const customer = wsClient(stack.gateway.url, { connectionParams: { authorization: await bearer('CUSTOMER') } });
    const refused = record(customer, OPS.StockAlertUpdated);
    for (let waited = 0; refused.ended === undefined && refused.results.length === 0 && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(JSON.stringify([refused.ended, refused.results])).toContain('FORBIDDEN');
    await customer.dispose();
  });
});
