import { randomUUID } from 'node:crypto';
import { Topic } from '@bodega/events';
import type { Client } from 'graphql-ws';
import { startFederatedStack, type FederatedStack } from '@bodega/testing/federated-stack';
import { untilListening } from '@bodega/testing/live';
import { contractOperation, REDIS_URL } from '@bodega/testing/stack';
import { sleep, until } from '@bodega/testing/wait';
import { record, wsClient } from '@bodega/testing/ws';

interface StockChanged {
  stockChanged: { stock: number; delta: number; reason: string; product: { id: string; sales: { unitsSold: number } } };
}

const UNITS = 50;

describe.each([
  ['the in-process event bus', undefined],
  ['Redis as the event bus', REDIS_URL],
])('concurrent sales over %s', (_bus, redisUrl) => {
  let stack: FederatedStack;
  let client: Client;

  beforeAll(async () => {
    stack = await startFederatedStack({ redisUrl });
    client = wsClient(stack.gateway.url);
  });
  afterAll(async () => {
    await client.dispose();
    await stack.close();
  });

  /** Ends a subscription and waits until the subgraph lets go of it, so the next test starts from none. */
  async function leave(recording: { dispose: () => void }) {
    recording.dispose();
    await untilListening(stack, Topic.StockChanged, 0);
  }

  it(`delivers ${UNITS} concurrent single-unit sales as ${UNITS} events, stock ${UNITS - 1} down to 0 in commit order`, async () => {
    const id = await stack.createProduct({ name: `Candle ${randomUUID()}`, stock: UNITS });
    const changes = record<StockChanged>(client, contractOperation('StockChanged'), { productId: id });
    await untilListening(stack, Topic.StockChanged, 1);

    // stack.sell fails on any error: all fifty commit.
    await Promise.all(Array.from({ length: UNITS }, () => stack.sell(id, 1)));
    await changes.until(UNITS, 15_000);

    const stocks = changes.results.map((result) => result.data?.stockChanged.stock);
    expect(stocks).toEqual(Array.from({ length: UNITS }, (_, i) => UNITS - 1 - i));
    expect(changes.results.every((result) => !result.errors)).toBe(true);
    expect(new Set(changes.results.map(({ data }) => `${data?.stockChanged.reason} ${data?.stockChanged.delta}`))).toEqual(new Set(['SALE -1']));
    expect(changes.results.every(({ data }) => data?.stockChanged.product.id === id)).toBe(true);
    await leave(changes);
  });

  it('keeps each product’s commit order when concurrent sales of two products interleave (productId null)', async () => {
    const half = UNITS / 2;
    const ids = await Promise.all(['Lamp', 'Shade'].map((name) => stack.createProduct({ name: `${name} ${randomUUID()}`, stock: half })));
    const changes = record<StockChanged>(client, contractOperation('StockChanged'), { productId: null });
    await untilListening(stack, Topic.StockChanged, 1);

    await Promise.all(Array.from({ length: UNITS }, (_, i) => stack.sell(ids[i % 2]!, 1)));
    // On a shared Redis, productId null also hears other test files' products: count only these.
    const stocksOf = (id: string) =>
      changes.results.filter(({ data }) => data?.stockChanged.product.id === id).map(({ data }) => data?.stockChanged.stock);
    await until(() => ids.every((id) => stocksOf(id).length >= half), () => `${half} events per product`, 15_000).catch(() => undefined);

    for (const id of ids) expect(stocksOf(id)).toEqual(Array.from({ length: half }, (_, i) => half - 1 - i));
    await leave(changes);
  });

  it('refuses the sale after the last unit without an event', async () => {
    const id = await stack.createProduct({ name: `Wick ${randomUUID()}`, stock: 1 });
    const changes = record<StockChanged>(client, contractOperation('StockChanged'), { productId: id });
    await untilListening(stack, Topic.StockChanged, 1);

    const results = await Promise.all([1, 2, 3].map(() => stack.request(contractOperation('SellProduct'), { id, quantity: 1 })));
    await stack.restock(id, 5);
    await changes.until(2);
    await sleep(100); // room for an event that should not exist

    expect(results.filter((response) => response.body.errors?.[0]?.extensions?.code === 'OUT_OF_STOCK')).toHaveLength(2);
    expect(changes.results.map(({ data }) => [data?.stockChanged.reason, data?.stockChanged.stock])).toEqual([
      ['SALE', 0],
      ['RESTOCK', 5],
    ]);
    await leave(changes);
  });
});
