import { createHmac } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { faker } from '@faker-js/faker';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, Topic, type EventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { sleep, within } from '@bodega/testing/wait';
import { startWebhookReceiver, type WebhookReceiver } from '@bodega/testing/webhook-receiver';
import { retryDelayMs } from '../src/alerts/backoff';
import { alertDeliveryConfig, type AlertDeliveryConfig } from '../src/alerts/config';
import { claimDueAlerts, recordDelivered } from '../src/alerts/outbox';
import { AlertWorker } from '../src/alerts/worker';

const SECRET = 'test-webhook-secret-0123456789';
const log = createLogger('alert-delivery-test', 'silent');

let db: TestDatabase;
let prisma: PrismaClient;
let events: EventBus;
let receiver: WebhookReceiver;
const workers: AlertWorker[] = [];
const extraClients: PrismaClient[] = [];

beforeAll(async () => {
  faker.seed(5005);
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url, { maxConnections: 10 });
  events = createEventBus({ log });
});

beforeEach(async () => {
  // Every worker claims every due alert in the database: each test starts from none.
  await prisma.stockAlert.deleteMany();
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  for (const worker of workers.splice(0)) worker.abort();
  await receiver.close();
});

afterAll(async () => {
  await Promise.all([prisma.$disconnect(), events.close(), ...extraClients.map((client) => client.$disconnect())]);
  await db.drop();
});

/** Fast settings: retries after milliseconds, not seconds. */
function config(overrides: Partial<AlertDeliveryConfig> = {}): AlertDeliveryConfig {
  return alertDeliveryConfig({
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    timeoutMs: 1_000,
    leaseMs: 2_000,
    retryBaseMs: 10,
    retryMaxMs: 40,
    pollIntervalMs: 25,
    stopGraceMs: 1_000,
    ...overrides,
  });
}

async function startWorker(overrides: Partial<AlertDeliveryConfig> = {}, client = prisma, random?: () => number) {
  const worker = new AlertWorker({ prisma: client, events, log }, config(overrides), random);
  workers.push(worker);
  return worker.start();
}

async function alert(stock = faker.number.int({ min: 0, max: 9 })) {
  const product = await prisma.product.create({ data: { name: faker.commerce.productName(), stock, lowStockThreshold: 10 } });
  return prisma.stockAlert.create({ data: { productId: product.id, stock, threshold: 10, stockVersion: 1 }, include: { product: true } });
}

type AlertRow = Awaited<ReturnType<typeof prisma.stockAlert.findUniqueOrThrow>>;

/** Polls the database until the alert satisfies `condition`; fails saying what it saw last. */
async function waitForRow(id: string, condition: (row: AlertRow) => boolean, what: string, timeoutMs = 10_000): Promise<AlertRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await prisma.stockAlert.findUniqueOrThrow({ where: { id } });
    if (condition(row)) return row;
    if (Date.now() > deadline) {
      throw new Error(`alert ${id} not ${what} after ${timeoutMs} ms: ${row.deliveryStatus}, attempts ${row.attempts}, last error ${row.lastError}`);
    }
    await sleep(20);
  }
}

const waitForStatus = (id: string, status: 'DELIVERED' | 'FAILED', timeoutMs?: number) =>
  waitForRow(id, (row) => row.deliveryStatus === status, status, timeoutMs);

const header = (request: { headers: Record<string, unknown> }, name: string) => String(request.headers[name]);

describe('delivering low-stock alerts to the webhook', () => {
  it('delivers an alert once to a receiver that fails twice, recording 3 attempts and DELIVERED', async () => {
    receiver.answerNext({ status: 503 }, { status: 500 });
    const { id } = await alert();
    await startWorker();

    const row = await waitForStatus(id, 'DELIVERED');
    expect(row).toMatchObject({ attempts: 3, lastError: null });
    expect(row.deliveredAt).toBeInstanceOf(Date);
    expect(row.lastAttemptAt!.getTime()).toBeLessThanOrEqual(row.deliveredAt!.getTime());
    expect(receiver.requests.map((r) => header(r, 'x-bodega-delivery'))).toEqual([id, id, id]);
    expect(receiver.requests.map((r) => header(r, 'x-bodega-attempt'))).toEqual(['1', '2', '3']);
    expect(receiver.accepted()).toHaveLength(1);
  });

  it('signs the exact body bytes with the secret and sends the documented n8n body', async () => {
    const created = await alert(4);
    await startWorker();
    await waitForStatus(created.id, 'DELIVERED');

    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/webhook/low-stock' });
    expect(request!.headers['content-type']).toBe('application/json');
    // t=<unix seconds of the attempt>,v1=<HMAC-SHA256 of "<t>." + body>
    const signature = header(request!, 'x-bodega-signature');
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(Math.abs(Number(t) - request!.receivedAt / 1000)).toBeLessThan(5);
    expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${request!.body}`).digest('hex'));
    expect(v1).not.toBe(createHmac('sha256', 'another-secret-0123456789').update(`${t}.${request!.body}`).digest('hex'));

    const body = JSON.parse(request!.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['product_id', 'product_name', 'current_stock', 'threshold', 'alert_id', 'occurred_at']);
    expect(body).toEqual({
      product_id: created.productId,
      product_name: created.product.name,
      current_stock: 4,
      threshold: 10,
      alert_id: created.id,
      occurred_at: created.occurredAt.toISOString(),
    });
  });

  it('ends FAILED with the last error once every attempt failed, and tries no more', async () => {
    receiver.answerByDefault({ status: 503 });
    const { id } = await alert();
    await startWorker({ maxAttempts: 3 });

    const row = await waitForStatus(id, 'FAILED');
    expect(row).toMatchObject({ attempts: 3, lastError: 'HTTP 503 Service Unavailable', deliveredAt: null });
    await sleep(200);
    expect(receiver.requests).toHaveLength(3);
  });

  it('records an attempt the receiver never answers as "timed out after 0.2 s"', async () => {
    receiver.answerByDefault('hang');
    const { id } = await alert();
    await startWorker({ maxAttempts: 1, timeoutMs: 200, leaseMs: 1_500 });

    const row = await waitForStatus(id, 'FAILED');
    expect(row).toMatchObject({ attempts: 1, lastError: 'timed out after 0.2 s' });
  });

  it('records an attempt at a closed port as "connection refused"', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const { id } = await alert();
    await startWorker({ maxAttempts: 1, webhookUrl: `http://127.0.0.1:${closedPort}/hook` });

    const row = await waitForStatus(id, 'FAILED');
    expect(row).toMatchObject({ attempts: 1, lastError: 'connection refused' });
  });

  it('waits a jittered, exponentially growing delay before each retry', async () => {
    // Full jitter: a uniformly random share of min(max, base * 2^(attempt-1)).
    const base = { baseMs: 1_000, maxMs: 5_000 };
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, base, () => 0.5))).toEqual([500, 1_000, 2_000, 2_500]);
    expect(retryDelayMs(3, base, () => 0)).toBe(0);

    receiver.answerByDefault({ status: 500 });
    const { id } = await alert();
    await startWorker({ retryBaseMs: 10_000, retryMaxMs: 60_000 }, prisma, () => 0.5);
    const row = await waitForRow(id, (r) => r.lastError !== null, 'failed once', 5_000);
    const wait = row.nextAttemptAt.getTime() - row.lastAttemptAt!.getTime();
    expect(row).toMatchObject({ deliveryStatus: 'PENDING', attempts: 1, lastError: 'HTTP 500 Internal Server Error' });
    // Half the first cap (10 s), counted from when the failure was recorded, a moment after the attempt began.
    expect(wait).toBeGreaterThanOrEqual(5_000);
    expect(wait).toBeLessThan(7_000);
    await sleep(300);
    expect(receiver.requests).toHaveLength(1);
  });
});

describe("honouring the receiver's Retry-After", () => {
  // The backoff of these tests retries within 10 ms; the longest wait is 10 s, room for any Retry-After below.
  const patient = { retryMaxMs: 10_000 };

  it('waits the seconds a 503 asks for instead of its own short backoff', async () => {
    receiver.answerNext({ status: 503, headers: { 'retry-after': '1' } });
    const { id } = await alert();
    await startWorker(patient);

    const row = await waitForStatus(id, 'DELIVERED');
    const [first, second] = receiver.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1_000);
    expect(row.attempts).toBe(2);
  });

  it('waits until the HTTP date a 429 names, and says so in lastError', async () => {
    const until = new Date(Date.now() + 2_000);
    receiver.answerByDefault({ status: 429, headers: { 'retry-after': until.toUTCString() } });
    const { id } = await alert();
    await startWorker(patient);

    const row = await waitForRow(id, (r) => r.lastError !== null, 'failed once');
    expect(row.lastError).toMatch(/^HTTP 429 Too Many Requests \(Retry-After [0-9.]+ s\)$/);
    // toUTCString() drops the milliseconds: due at that second, give or take the recording's moment.
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(until.getTime() - 1_000);
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(until.getTime() + 1_000);
    expect(receiver.requests).toHaveLength(1);
  });

  it('waits no longer than the longest backoff however long the receiver asks for', async () => {
    receiver.answerByDefault({ status: 503, headers: { 'retry-after': '86400' } });
    const { id } = await alert();
    await startWorker({ retryMaxMs: 3_000 });

    const row = await waitForRow(id, (r) => r.lastError !== null, 'failed once');
    const wait = row.nextAttemptAt.getTime() - row.lastAttemptAt!.getTime();
    expect(row.lastError).toBe('HTTP 503 Service Unavailable (Retry-After 86400 s)');
    expect(wait).toBeGreaterThanOrEqual(3_000);
    expect(wait).toBeLessThan(4_500);
  });

  it('falls back to its own backoff when Retry-After cannot be read', async () => {
    receiver.answerNext({ status: 503, headers: { 'retry-after': 'soon' } });
    const { id } = await alert();
    await startWorker(patient);

    const row = await waitForStatus(id, 'DELIVERED');
    expect(row.attempts).toBe(2);
    const [first, second] = receiver.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeLessThan(1_000);
  });
});

describe('claiming with several workers and surviving crashes', () => {
  it('lets a new worker deliver an alert whose worker was killed mid-delivery, once the lease runs out', async () => {
    receiver.answerNext('hang');
    const { id } = await alert();
    const killed = await startWorker({ timeoutMs: 500, leaseMs: 1_500 });
    await receiver.waitForRequests(1);
    const claimed = await prisma.stockAlert.findUniqueOrThrow({ where: { id } });
    expect(claimed).toMatchObject({ deliveryStatus: 'PENDING', attempts: 1 });
    killed.abort();

    await startWorker({ timeoutMs: 500, leaseMs: 1_500 });
    const row = await waitForStatus(id, 'DELIVERED');
    expect(row.attempts).toBe(2);
    const [first, second] = receiver.requests;
    expect([first, second].map((r) => header(r!, 'x-bodega-delivery'))).toEqual([id, id]);
    expect(header(second!, 'x-bodega-attempt')).toBe('2');
    // Not before the killed worker's lease ran out (the same clock: Postgres and the test run here).
    expect(second!.receivedAt).toBeGreaterThanOrEqual(claimed.nextAttemptAt.getTime() - 50);
  });

  it('never has two workers deliver one alert: 30 alerts, two workers, 30 deliveries', async () => {
    receiver.answerByDefault({ status: 200, delayMs: 20 });
    const alerts = [];
    for (let i = 0; i < 30; i++) alerts.push(await alert());
    const other = createPrismaClient(db.url, { maxConnections: 5 });
    extraClients.push(other);
    await Promise.all([startWorker({ concurrency: 4, pollIntervalMs: 10 }), startWorker({ concurrency: 4, pollIntervalMs: 10 }, other)]);

    for (const { id } of alerts) await waitForStatus(id, 'DELIVERED');
    const ids = receiver.requests.map((r) => header(r, 'x-bodega-delivery'));
    expect(ids.sort()).toEqual(alerts.map((a) => a.id).sort());
    expect(receiver.maxConcurrentPerDelivery()).toBe(1);
    const rows = await prisma.stockAlert.findMany({ where: { id: { in: alerts.map((a) => a.id) } } });
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
  });

  it('records nothing for a worker whose claim was taken over meanwhile', async () => {
    const { id } = await alert();
    const [claim] = await claimDueAlerts(prisma, 1, 60_000, 8);
    expect(claim?.id).toBe(id);
    // Meanwhile staff redelivered it (a new round): the first worker's late answer must not count.
    await prisma.stockAlert.update({ where: { id }, data: { attempts: 0, nextAttemptAt: new Date() } });

    expect(await recordDelivered(prisma, claim!)).toBe(false);
    const row = await prisma.stockAlert.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ deliveryStatus: 'PENDING', attempts: 0, deliveredAt: null });
    expect(await recordDelivered(prisma, (await claimDueAlerts(prisma, 1, 60_000, 8))[0]!)).toBe(true);
  });

  it('fails an alert whose last permitted attempt never reported back, instead of leaving it PENDING', async () => {
    const { id } = await alert();
    await prisma.stockAlert.update({
      where: { id },
      data: { attempts: 3, lastError: 'HTTP 502 Bad Gateway', nextAttemptAt: new Date(Date.now() - 1_000) },
    });
    await startWorker({ maxAttempts: 3 });

    const row = await waitForStatus(id, 'FAILED');
    expect(row.lastError).toBe('HTTP 502 Bad Gateway; then the last attempt did not finish (its worker stopped)');
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('running the worker', () => {
  it('wakes at once on a LowStockAlert event instead of waiting for its next poll', async () => {
    await startWorker({ pollIntervalMs: 60_000 });
    await sleep(200); // its first look found nothing
    const created = await alert(3);
    await events.publish(Topic.LowStockAlert, {
      alertId: created.id,
      productId: created.productId,
      stock: 3,
      threshold: 10,
      version: 1,
      occurredAt: created.occurredAt.toISOString(),
    });

    await waitForStatus(created.id, 'DELIVERED', 2_000);
  });

  it('on stop, lets a delivery in flight finish and records it', async () => {
    receiver.answerNext({ status: 200, delayMs: 300 });
    const { id } = await alert();
    const worker = await startWorker();
    await receiver.waitForRequests(1);

    await worker.stop();
    const row = await prisma.stockAlert.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ deliveryStatus: 'DELIVERED', attempts: 1 });
  });

  it('on stop, gives up on a hanging delivery after the grace period and leaves it PENDING under its lease', async () => {
    receiver.answerNext('hang');
    const { id } = await alert();
    const worker = await startWorker({ stopGraceMs: 200, timeoutMs: 5_000, leaseMs: 6_000 });
    await receiver.waitForRequests(1);

    await within(worker.stop(), 1_000, 'stop() with a hanging delivery');
    const row = await prisma.stockAlert.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ deliveryStatus: 'PENDING', attempts: 1, lastError: null });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 4_000);
  });

  it('refuses a lease no longer than the timeout, which would let two attempts overlap', () => {
    expect(() => new AlertWorker({ prisma, events, log }, config({ timeoutMs: 5_000, leaseMs: 5_500 }))).toThrow(/leaseMs \(5500\) must be at least timeoutMs/);
  });
});
