import { Writable } from 'node:stream';
import pino from 'pino';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, type EventBus } from '@bodega/events';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { testInternal, testTokens } from '@bodega/testing/auth';
import { sleep } from '@bodega/testing/wait';
import { startWebhookReceiver, type WebhookReceiver } from '@bodega/testing/webhook-receiver';
import { alertDeliveryConfig } from '../src/alerts/config';
import { readEnv } from '@bodega/config';
import { alertConfigFromEnv, alertEnv } from '../src/alerts/config';
import { startProductsSubgraph } from '../src/server';

/** The delivery settings as a products process reads them from its environment. */
const readProductsConfig = (env: NodeJS.ProcessEnv) => ({ alerts: alertConfigFromEnv(readEnv(alertEnv, env)) });

const URL_SET = { ALERT_WEBHOOK_URL: 'http://127.0.0.1:5678/webhook/low-stock' };

describe('alert delivery configuration', () => {
  it('fails at start when ALERT_WEBHOOK_URL is set without ALERT_WEBHOOK_SECRET, naming the variable', () => {
    expect(() => readProductsConfig(URL_SET)).toThrow(/ALERT_WEBHOOK_SECRET is not set: it is required when ALERT_WEBHOOK_URL is set/);
    expect(() => readProductsConfig({ ...URL_SET, ALERT_WEBHOOK_SECRET: 'short' })).toThrow(/ALERT_WEBHOOK_SECRET: must be at least 16/);
  });

  it('has no webhook and the documented defaults when nothing is set', () => {
    expect(readProductsConfig({}).alerts).toEqual({
      webhookUrl: undefined,
      webhookSecret: undefined,
      timeoutMs: 10_000,
      maxAttempts: 8,
      retryBaseMs: 5_000,
      retryMaxMs: 600_000,
      pollIntervalMs: 1_000,
      leaseMs: 30_000,
      concurrency: 10,
      stopGraceMs: 5_000,
    });
  });

  it('reads the webhook and every tunable from the environment', () => {
    const { alerts } = readProductsConfig({
      ...URL_SET,
      ALERT_WEBHOOK_SECRET: 'a-secret-of-16-chars-or-more',
      ALERT_WEBHOOK_TIMEOUT_MS: '2000',
      ALERT_MAX_ATTEMPTS: '3',
      ALERT_RETRY_BASE_MS: '100',
      ALERT_RETRY_MAX_MS: '1000',
      ALERT_POLL_INTERVAL_MS: '250',
      ALERT_LEASE_MS: '5000',
      ALERT_CONCURRENCY: '2',
    });
    expect(alerts).toMatchObject({
      webhookUrl: URL_SET.ALERT_WEBHOOK_URL,
      webhookSecret: 'a-secret-of-16-chars-or-more',
      timeoutMs: 2_000,
      maxAttempts: 3,
      retryBaseMs: 100,
      retryMaxMs: 1_000,
      pollIntervalMs: 250,
      leaseMs: 5_000,
      concurrency: 2,
    });
  });

  it('refuses a lease that does not outlast the timeout, naming both variables', () => {
    expect(() => readProductsConfig({ ALERT_WEBHOOK_TIMEOUT_MS: '10000', ALERT_LEASE_MS: '10000' })).toThrow(
      /ALERT_LEASE_MS \(10000\) must be at least ALERT_WEBHOOK_TIMEOUT_MS \+ 1000 ms/,
    );
  });

  it('refuses a webhook URL that is not http(s)', () => {
    expect(() => readProductsConfig({ ALERT_WEBHOOK_URL: 'ftp://example.com/x', ALERT_WEBHOOK_SECRET: 'a-secret-of-16-chars-or-more' })).toThrow(
      /ALERT_WEBHOOK_URL: must be an http or https URL/,
    );
  });
});

describe('the products subgraph and its alert worker', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let events: EventBus;
  let receiver: WebhookReceiver;
  const lines: string[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  );
  const messages = () => lines.map((line) => JSON.parse(line) as { msg: string; level: number });

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, { maxConnections: 4 });
    events = createEventBus({ log });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await Promise.all([prisma.$disconnect(), events.close()]);
    await db.drop();
  });

  async function pendingAlert() {
    const product = await prisma.product.create({ data: { name: 'Oat milk', stock: 2, lowStockThreshold: 10 } });
    return prisma.stockAlert.create({ data: { productId: product.id, stock: 2, threshold: 10, stockVersion: 1 } });
  }

  it('without ALERT_WEBHOOK_URL records alerts, delivers none, and says so once in the log', async () => {
    lines.length = 0;
    const running = await startProductsSubgraph({ prisma, events, log, tokens: testTokens, internal: testInternal }, { port: 0, alerts: alertDeliveryConfig() });
    try {
      const alert = await pendingAlert();
      await sleep(300);
      expect(await prisma.stockAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ deliveryStatus: 'PENDING', attempts: 0 });
      const notice = messages().filter((line) => line.msg.includes('ALERT_WEBHOOK_URL is not set'));
      expect(notice).toHaveLength(1);
      expect(notice[0]!.level).toBe(40); // warn
    } finally {
      await running.close();
      await prisma.stockAlert.deleteMany();
    }
  });

  it('with ALERT_WEBHOOK_URL runs the worker until close()', async () => {
    const running = await startProductsSubgraph({ prisma, events, log, tokens: testTokens, internal: testInternal }, {
      port: 0,
      alerts: alertDeliveryConfig({ webhookUrl: receiver.url, webhookSecret: 'a-secret-of-16-chars-or-more', pollIntervalMs: 50 }),
    });
    let closed = false;
    try {
      const first = await pendingAlert();
      await receiver.waitForRequests(1);
      expect(receiver.requests[0]!.headers['x-bodega-delivery']).toBe(first.id);

      await running.close();
      closed = true;
      const second = await pendingAlert();
      await sleep(300);
      expect(receiver.requests).toHaveLength(1);
      expect(await prisma.stockAlert.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ deliveryStatus: 'PENDING' });
    } finally {
      if (!closed) await running.close();
    }
  });
});
