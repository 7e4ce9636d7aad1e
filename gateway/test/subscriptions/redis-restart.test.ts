import { randomUUID } from 'node:crypto';
import { Topic } from '@bodega/events';
import type { Client } from 'graphql-ws';
import { startFederatedStack, type FederatedStack } from '@bodega/testing/federated-stack';
import { untilHubHolds, untilListening } from '@bodega/testing/live';
import { startRedisServer, type RedisServer } from '@bodega/testing/redis-server';
import { contractOperation } from '@bodega/testing/stack';
import { within } from '@bodega/testing/wait';
import { record, wsClient } from '@bodega/testing/ws';

interface StockChanged {
  stockChanged: { stock: number; reason: string; product: { id: string } };
}

/** How long Redis may take to be usable again after it restarts: ioredis retries at most every 2 s. */
const RECOVERY_MS = 10_000;

let redis: RedisServer;
let stack: FederatedStack;
let client: Client;

beforeAll(async () => {
  redis = await startRedisServer();
  stack = await startFederatedStack({ redisUrl: redis.url });
  client = wsClient(stack.gateway.url);
});
afterAll(async () => {
  // The redis-server child must not outlive the file, whatever else failed.
  try {
    await client?.dispose();
    await stack?.close();
  } finally {
    await redis?.kill();
  }
});

describe('a Redis event bus that goes down and comes back', () => {
  it('keeps sales and queries working while Redis is down, then delivers events for new sales again', async () => {
    const id = await stack.createProduct({ name: `Sifter ${randomUUID()}`, stock: 100 });
    const changes = record<StockChanged>(client, contractOperation('StockChanged'), { productId: id });
    await untilListening(stack, Topic.StockChanged, 1);
    await stack.sell(id, 1);
    await changes.until(1);

    await redis.kill();
    expect(await within(stack.sell(id, 1), 5000, 'a sale while Redis is down')).toBe(98);
    const product = await within(stack.request(`query ($id: ID!) { product(id: $id) { stock } }`, { id }), 5000, 'a query while Redis is down');
    expect(product.body).toEqual({ data: { product: { stock: 98 } } });

    await redis.start();
    // Sell one unit at a time until an event for a sale made after the restart arrives.
    const deadline = Date.now() + RECOVERY_MS;
    let lastSold = 98;
    while (!changes.results.some(({ data }) => (data?.stockChanged.stock ?? 100) < 98) && Date.now() < deadline) {
      lastSold = await within(stack.sell(id, 1), 5000, 'a sale after Redis restarted');
      await changes.until(changes.results.length + 1, 1000).catch(() => undefined);
    }
    const stocks = changes.results.map(({ data }) => data?.stockChanged.stock ?? -1);
    expect(stocks.some((stock) => stock < 98)).toBe(true);

    // Steady again: the next sale arrives promptly, and the stream stayed in commit order throughout.
    const received = changes.results.length;
    await stack.sell(id, 1);
    await changes.until(received + 1, 3000);
    const all = changes.results.map(({ data }) => data?.stockChanged.stock ?? -1);
    expect(all.at(-1)).toBe(lastSold - 1);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(new Set(all).size).toBe(all.length);
    expect(changes.ended).toBeUndefined();
    expect(changes.results.every((result) => !result.errors)).toBe(true);
  });

  it('leaves the gateway serving and holding its subscription', async () => {
    const response = await stack.request('{ products(first: 1) { totalCount } }');
    expect(response.body.errors).toBeUndefined();
    await untilHubHolds(stack, { shared: 1, subscribers: 1 });
  });
});
