import { Topic } from '@bodega/events';
import { faker } from '@faker-js/faker';
import { alertDeliveryConfig, verifyAlertSignature } from '@bodega/products';
import { untilListening } from '@bodega/testing/live';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { startWebhookReceiver, type WebhookReceiver } from '@bodega/testing/webhook-receiver';
import { record, wsClient } from '@bodega/testing/ws';

const SECRET = 'n8n-shared-secret-for-tests';
let stack: Stack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  faker.seed(19);
  receiver = await startWebhookReceiver();
  stack = await startStack({
    alerts: alertDeliveryConfig({ webhookUrl: receiver.url, webhookSecret: SECRET, pollIntervalMs: 200, retryBaseMs: 100, retryMaxMs: 5_000 }),
  });
});
afterAll(async () => {
  await stack.close();
  await receiver.close();
});

interface StockAlertsPage {
  stockAlerts: { edges: Array<{ node: { id: string; stock: number; delivery: { status: string; attempts: number }; product: { id: string } } }> };
}

describe('low-stock alerts through the gateway (contract LowStockAlerts, StockAlerts)', () => {
  it('streams the alert, records it, and delivers it signed to the webhook once, after the Retry-After of a failed attempt', async () => {
    const client = wsClient(stack.gateway.url);
    const feed = record<{ lowStockAlert: { stock: number; threshold: number; product: { id: string; name: string } } }>(
      client,
      contractOperation('LowStockAlerts'),
    );
    await untilListening(stack, Topic.LowStockAlert, 2); // the subscription and the delivery worker
    receiver.answerNext({ status: 503, headers: { 'retry-after': '1' } });

    const created = await stack.request<{ createProduct: { id: string; name: string } }>(contractOperation('CreateProduct'), {
      input: { name: faker.commerce.productName(), description: 'A test product.', categoryId: '638', stock: 12, lowStockThreshold: 10 },
    });
    const product = created.body.data!.createProduct;
    await stack.request(contractOperation('SellProduct'), { id: product.id, quantity: 3 });
    await stack.request(contractOperation('SellProduct'), { id: product.id, quantity: 1 }); // already below: no second alert

    await feed.until(1);
    expect(feed.results[0]?.data?.lowStockAlert).toEqual({ stock: 9, threshold: 10, product: { id: product.id, name: product.name } });

    const [failed, delivered] = await receiver.waitForRequests(2);
    expect(failed!.headers['x-bodega-delivery']).toBe(delivered!.headers['x-bodega-delivery']);
    // Its own backoff would have retried within 0.1 s; the receiver asked for 1 s.
    expect(delivered!.receivedAt - failed!.receivedAt).toBeGreaterThanOrEqual(1_000);
    const signature = String(delivered!.headers['x-bodega-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyAlertSignature(signature, delivered!.body, SECRET, { now: delivered!.receivedAt })).toMatchObject({ valid: true });
    // Each attempt is signed afresh; the same capture replayed past the 5-minute tolerance is refused.
    expect(signature).not.toBe(String(failed!.headers['x-bodega-signature']));
    expect(verifyAlertSignature(signature, delivered!.body, SECRET, { now: delivered!.receivedAt + 301_000 })).toEqual({
      valid: false,
      reason: 'outside tolerance',
    });
    const body = JSON.parse(delivered!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ product_id: product.id, product_name: product.name, current_stock: 9, threshold: 10 });
    expect(Object.keys(body).sort()).toEqual(['alert_id', 'current_stock', 'occurred_at', 'product_id', 'product_name', 'threshold']);

    const alerts = await stack.request<StockAlertsPage>(contractOperation('StockAlerts'));
    const mine = alerts.body.data!.stockAlerts.edges.filter((edge) => edge.node.product.id === product.id);
    expect(mine).toEqual([{ node: { id: body.alert_id, stock: 9, delivery: { status: 'DELIVERED', attempts: 2 }, product: { id: product.id } } }]);
    expect(receiver.accepted()).toHaveLength(1);

    await feed.dispose();
    await client.dispose();
  });

  it('keeps StockAlerts to staff', async () => {
    const response = await stack.request(contractOperation('StockAlerts'), {}, { authorization: '' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
