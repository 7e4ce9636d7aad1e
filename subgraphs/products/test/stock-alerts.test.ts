import { faker } from '@faker-js/faker';
import { execute, parse } from 'graphql';
import { createLogger } from '@bodega/logger';
import { bearer } from '@bodega/testing/auth';
import { sleep } from '@bodega/testing/wait';
import { startWebhookReceiver, type WebhookReceiver } from '@bodega/testing/webhook-receiver';
import { alertDeliveryConfig, type AlertDeliveryConfig } from '../src/alerts/config';
import { AlertWorker } from '../src/alerts/worker';
import { createContext } from '../src/context';
import { buildSchema } from '../src/server';
import { startHarness, type Harness } from './harness';

const LIST = `query ($first: Int, $after: String, $filter: StockAlertFilter) {
  stockAlerts(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id stock threshold occurredAt product { id name }
      delivery { status attempts lastError lastAttemptAt nextAttemptAt deliveredAt } } }
  }
}`;
/** The contract's StockAlerts operation (contract/operations.graphql), as third parties send it. */
const CONTRACT_STOCK_ALERTS = `query StockAlerts {
  stockAlerts(first: 20) { edges { node { id stock delivery { status attempts } product { id } } } }
}`;
const REDELIVER = `mutation ($id: ID!) {
  redeliverStockAlert(id: $id) { id delivery { status attempts lastError nextAttemptAt deliveredAt } }
}`;

let h: Harness;
let receiver: WebhookReceiver;
const workers: AlertWorker[] = [];

beforeAll(async () => {
  faker.seed(5006);
  h = await startHarness();
  receiver = await startWebhookReceiver();
});
beforeEach(async () => {
  await h.prisma.stockAlert.deleteMany();
  receiver.answerByDefault({ status: 200 });
});
afterEach(() => {
  for (const worker of workers.splice(0)) worker.abort();
  h.deps.alertWorker = undefined;
});
afterAll(async () => {
  await receiver.close();
  await h.close();
});

function startWorker(overrides: Partial<AlertDeliveryConfig> = {}) {
  const config = alertDeliveryConfig({
    webhookUrl: receiver.url,
    webhookSecret: 'test-webhook-secret-0123456789',
    timeoutMs: 5_000,
    leaseMs: 6_000,
    pollIntervalMs: 60_000,
    ...overrides,
  });
  const worker = new AlertWorker({ prisma: h.prisma, events: h.events, log: createLogger('alerts-test', 'silent') }, config);
  workers.push(worker);
  return worker.start();
}

async function product(stock = 20) {
  return h.prisma.product.create({ data: { name: faker.commerce.productName(), stock, lowStockThreshold: 10 } });
}

let minute = 0;
/** Alerts a minute apart, each newer than every one before, so "newest first" has one right answer. */
async function alerts(count: number, productId?: string) {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const owner = productId ?? (await product()).id;
    rows.push(
      await h.prisma.stockAlert.create({
        data: { productId: owner, stock: 9 - (i % 9), threshold: 10, stockVersion: i + 1, occurredAt: new Date(Date.UTC(2026, 10, 22, 12, minute++)) },
      }),
    );
  }
  return rows;
}

async function waitForStatus(id: string, status: string, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await h.prisma.stockAlert.findUniqueOrThrow({ where: { id } });
    if (row.deliveryStatus === status) return row;
    if (Date.now() > deadline) throw new Error(`alert ${id} is ${row.deliveryStatus}, not ${status}, after ${timeoutMs} ms`);
    await sleep(20);
  }
}

describe('listing stock alerts', () => {
  it('answers the contract query StockAlerts for staff', async () => {
    const [created] = await alerts(1);
    const result = await h.run(CONTRACT_STOCK_ALERTS);
    expect(result.errors).toBeUndefined();
    expect(result.data?.stockAlerts.edges).toEqual([
      { node: { id: created!.id, stock: created!.stock, delivery: { status: 'PENDING', attempts: 0 }, product: { id: created!.productId } } },
    ]);
  });

  it('pages newest first with keyset cursors that stay put while new alerts arrive', async () => {
    const created = await alerts(5);
    const newestFirst = created.map((row) => row.id).reverse();

    const first = await h.run(LIST, { first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data?.stockAlerts.edges.map((e: any) => e.node.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.data?.stockAlerts.pageInfo.hasNextPage).toBe(true);

    await alerts(1); // newer than all: must not shift the next page
    const second = await h.run(LIST, { first: 2, after: first.data?.stockAlerts.pageInfo.endCursor });
    expect(second.data?.stockAlerts.edges.map((e: any) => e.node.id)).toEqual(newestFirst.slice(2, 4));
    const last = await h.run(LIST, { first: 2, after: second.data?.stockAlerts.pageInfo.endCursor });
    expect(last.data?.stockAlerts.edges.map((e: any) => e.node.id)).toEqual(newestFirst.slice(4));
    expect(last.data?.stockAlerts.pageInfo).toEqual({ hasNextPage: false, endCursor: last.data?.stockAlerts.edges[0].cursor });
  });

  it('shows each alert with its product and the whole delivery state', async () => {
    const [created] = await alerts(1);
    const at = new Date('2026-11-22T13:00:00.000Z');
    await h.prisma.stockAlert.update({
      where: { id: created!.id },
      data: { deliveryStatus: 'FAILED', attempts: 8, lastError: 'HTTP 404 Not Found', lastAttemptAt: at, nextAttemptAt: at },
    });
    const result = await h.run(LIST, {});
    const owner = await h.prisma.product.findUniqueOrThrow({ where: { id: created!.productId } });
    expect(result.data?.stockAlerts.edges[0].node).toEqual({
      id: created!.id,
      stock: created!.stock,
      threshold: 10,
      occurredAt: created!.occurredAt.toISOString(),
      product: { id: owner.id, name: owner.name },
      // A FAILED alert has no next attempt, whatever the column holds.
      delivery: { status: 'FAILED', attempts: 8, lastError: 'HTTP 404 Not Found', lastAttemptAt: at.toISOString(), nextAttemptAt: null, deliveredAt: null },
    });
  });

  it('filters by delivery status and by product', async () => {
    const owner = await product();
    const [a, b] = await alerts(2, owner.id);
    const [other] = await alerts(1);
    await h.prisma.stockAlert.update({ where: { id: b!.id }, data: { deliveryStatus: 'DELIVERED', deliveredAt: new Date() } });

    const ids = async (filter: Record<string, unknown>) =>
      (await h.run(LIST, { filter })).data?.stockAlerts.edges.map((e: any) => e.node.id);
    expect(await ids({ productId: owner.id })).toEqual([b!.id, a!.id]);
    expect(await ids({ status: 'PENDING' })).toEqual([other!.id, a!.id]);
    expect(await ids({ status: 'DELIVERED', productId: owner.id })).toEqual([b!.id]);
    expect(await ids({ productId: 'not-a-product' })).toEqual([]);
  });

  it('is for staff and admins only: UNAUTHENTICATED anonymously, FORBIDDEN for customers', async () => {
    await alerts(1);
    const anonymous = await h.run(LIST, {}, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const customer = await h.run(LIST, {}, await bearer('CUSTOMER'));
    expect(customer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await h.run(LIST, {}, await bearer('ADMIN'));
    expect(admin.data?.stockAlerts.edges).toHaveLength(1);
  });

  it('rejects a page size over 100 and a cursor that is not from the list, naming the argument', async () => {
    const big = await h.run(LIST, { first: 101 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await h.run(LIST, { after: 'bm90LWEtY3Vyc29y' });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('redelivering a stock alert', () => {
  it('starts a new round for a FAILED alert and wakes the worker, which delivers it at once', async () => {
    const [created] = await alerts(1);
    await h.prisma.stockAlert.update({
      where: { id: created!.id },
      data: { deliveryStatus: 'FAILED', attempts: 8, lastError: 'HTTP 404 Not Found', lastAttemptAt: new Date() },
    });
    // Polls once a minute: only the wake can make it prompt.
    h.deps.alertWorker = await startWorker();
    await sleep(100);
    const before = receiver.requests.length;

    const result = await h.run(REDELIVER, { id: created!.id });
    expect(result.errors).toBeUndefined();
    expect(result.data?.redeliverStockAlert).toMatchObject({
      id: created!.id,
      delivery: { status: 'PENDING', attempts: 0, lastError: null, deliveredAt: null },
    });
    const row = await waitForStatus(created!.id, 'DELIVERED', 2_000);
    expect(row.attempts).toBe(1);
    expect(receiver.requests.slice(before).map((r) => r.headers['x-bodega-delivery'])).toEqual([created!.id]);
  });

  it('sends a DELIVERED alert again under the same delivery id', async () => {
    const [created] = await alerts(1);
    await h.prisma.stockAlert.update({ where: { id: created!.id }, data: { deliveryStatus: 'DELIVERED', attempts: 1, deliveredAt: new Date() } });
    const result = await h.run(REDELIVER, { id: created!.id });
    expect(result.data?.redeliverStockAlert.delivery).toMatchObject({ status: 'PENDING', attempts: 0, deliveredAt: null });
    expect(Date.parse(result.data?.redeliverStockAlert.delivery.nextAttemptAt)).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('is for staff and admins only, and NOT_FOUND for an unknown id', async () => {
    const [created] = await alerts(1);
    await h.prisma.stockAlert.update({ where: { id: created!.id }, data: { deliveryStatus: 'FAILED', attempts: 8 } });

    const anonymous = await h.run(REDELIVER, { id: created!.id }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const customer = await h.run(REDELIVER, { id: created!.id }, await bearer('CUSTOMER'));
    expect(customer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.prisma.stockAlert.findUniqueOrThrow({ where: { id: created!.id } })).toMatchObject({ deliveryStatus: 'FAILED', attempts: 8 });

    for (const id of [faker.string.uuid(), 'not-an-id']) {
      const missing = await h.run(REDELIVER, { id });
      expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id });
    }
  });
});

describe('alerts and the request path', () => {
  it('delivers the alert of a sale that takes stock below the threshold, woken by its event', async () => {
    await startWorker(); // polls once a minute: only the sale's event can make it prompt
    await sleep(100);
    const shelf = await product(12);
    const before = receiver.requests.length;

    const sale = await h.run('mutation ($id: ID!) { sellProduct(id: $id, quantity: 5) { stock } }', { id: shelf.id });
    expect(sale.data?.sellProduct.stock).toBe(7);
    const [recorded] = await h.prisma.stockAlert.findMany({ where: { productId: shelf.id } });
    await waitForStatus(recorded!.id, 'DELIVERED', 2_000);
    const delivered = receiver.requests.slice(before);
    expect(delivered).toHaveLength(1);
    expect(JSON.parse(delivered[0]!.body)).toMatchObject({ product_id: shelf.id, product_name: shelf.name, current_stock: 7, threshold: 10 });
  });

  it('never slows a sale, even with every delivery hanging', async () => {
    receiver.answerByDefault('hang');
    await alerts(12);
    const shelf = await product(15);
    // More deliveries in flight than the pool has connections: a worker that held one per POST would starve the sale.
    await startWorker({ concurrency: 20, timeoutMs: 10_000, leaseMs: 11_000 });
    await receiver.waitForRequests(10); // the harness's pool size

    const started = Date.now();
    const sale = await h.run('mutation ($id: ID!) { sellProduct(id: $id, quantity: 10) { stock lowStock } }', { id: shelf.id });
    expect(sale.errors).toBeUndefined();
    expect(sale.data?.sellProduct).toEqual({ stock: 5, lowStock: true });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('resolves the recorded alert on a LowStockAlert event', async () => {
    const [created] = await alerts(1);
    const event = {
      alertId: created!.id,
      productId: created!.productId,
      stock: created!.stock,
      threshold: 10,
      version: 1,
      occurredAt: created!.occurredAt.toISOString(),
    };
    // What graphql-ws runs per event: the subscription's selection with the event as the root value.
    const result = await execute({
      schema: buildSchema(),
      document: parse('subscription { lowStockAlert { stock alert { id stock delivery { status attempts } product { id } } } }'),
      rootValue: event,
      contextValue: await createContext(h.deps, { requestId: 'test', log: h.deps.log }),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.lowStockAlert).toEqual({
      stock: created!.stock,
      alert: { id: created!.id, stock: created!.stock, delivery: { status: 'PENDING', attempts: 0 }, product: { id: created!.productId } },
    });
  });
});
