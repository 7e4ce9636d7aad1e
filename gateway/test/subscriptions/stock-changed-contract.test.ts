import { randomUUID } from 'node:crypto';
import { Topic } from '@bodega/events';
import type { Client } from 'graphql-ws';
import { closeWithClient, federatedStackWithClient, type FederatedStack } from '@bodega/testing/federated-stack';
import { untilHubHolds, untilListening } from '@bodega/testing/live';
import { contractOperation } from '@bodega/testing/stack';
import { sleep } from '@bodega/testing/wait';
import { record } from '@bodega/testing/ws';

interface StockChanged {
  stockChanged: {
    stock: number;
    delta: number;
    reason: string;
    product: { id: string; name: string; lowStockThreshold: number; sales: { unitsSold: number } };
  };
}

interface LowStockAlerts {
  lowStockAlert: { stock: number; threshold: number; product: { id: string; name: string } };
}

let stack: FederatedStack;
let client: Client;
beforeAll(async () => ({ stack, client } = await federatedStackWithClient()));
afterAll(() => closeWithClient({ stack, client }));

/** Subscribes and waits until the products subgraph listens, so no change made after it is missed. */
async function subscribe<T>(operation: string, topic: Topic, variables?: Record<string, unknown>) {
  const recording = record<T>(client, contractOperation(operation), variables);
  await untilListening(stack, topic, 1);
  return recording;
}

/** Ends a subscription and waits until the gateway and the subgraph let go of it. */
async function leave(recording: { dispose: () => void }, topic: Topic) {
  recording.dispose();
  await untilHubHolds(stack, { shared: 0, subscribers: 0 });
  await untilListening(stack, topic, 0);
}

const product = (name: string, stock: number, lowStockThreshold = 5) =>
  stack.createProduct({ name: `${name} ${randomUUID()}`, stock, lowStockThreshold });

describe('the contract StockChanged subscription through the gateway', () => {
  it('delivers one event per committed sale and restock, with Product.sales from the sales subgraph', async () => {
    const id = await product('Kettle', 20, 4);
    const other = await product('Teapot', 20);
    stack.sales.unitsSold.set(id, 7);
    const changes = await subscribe<StockChanged>('StockChanged', Topic.StockChanged, { productId: id });

    await stack.sell(id, 3);
    await changes.until(1);
    stack.sales.unitsSold.set(id, 10);
    await stack.sell(other, 1);
    await stack.restock(id, 5);
    await stack.sell(id, 1);
    await changes.until(3);
    await sleep(200); // room for a duplicate or the other product's event to show up

    const name = changes.results[0]?.data?.stockChanged.product.name;
    expect(name).toMatch(/^Kettle /);
    expect(changes.results).toEqual([
      { data: { stockChanged: { stock: 17, delta: -3, reason: 'SALE', product: { id, name, lowStockThreshold: 4, sales: { unitsSold: 7 } } } } },
      { data: { stockChanged: { stock: 22, delta: 5, reason: 'RESTOCK', product: { id, name, lowStockThreshold: 4, sales: { unitsSold: 10 } } } } },
      { data: { stockChanged: { stock: 21, delta: -1, reason: 'SALE', product: { id, name, lowStockThreshold: 4, sales: { unitsSold: 10 } } } } },
    ]);
    await leave(changes, Topic.StockChanged);
  });

  it('delivers every product’s changes when productId is null', async () => {
    const first = await product('Whisk', 10);
    const second = await product('Ladle', 10);
    const changes = await subscribe<StockChanged>('StockChanged', Topic.StockChanged, { productId: null });

    await stack.sell(first, 1);
    await stack.sell(second, 2);
    await stack.restock(first, 3);
    await changes.until(3);

    expect(changes.results.map((result) => result.errors)).toEqual([undefined, undefined, undefined]);
    expect(changes.results.map(({ data }) => [data?.stockChanged.product.id, data?.stockChanged.stock, data?.stockChanged.reason])).toEqual([
      [first, 9, 'SALE'],
      [second, 8, 'SALE'],
      [first, 12, 'RESTOCK'],
    ]);
    expect(changes.results.map(({ data }) => data?.stockChanged.product.sales)).toEqual([
      { unitsSold: 0 },
      { unitsSold: 0 },
      { unitsSold: 0 },
    ]);
    await leave(changes, Topic.StockChanged);
  });
});

describe('the contract LowStockAlerts subscription through the gateway', () => {
  it('fires when a sale takes stock below the threshold, and not for later sales below it', async () => {
    const pan = await product('Pan', 12, 10);
    const pot = await product('Pot', 10, 10);
    const alerts = await subscribe<LowStockAlerts>('LowStockAlerts', Topic.LowStockAlert);

    expect(await stack.sell(pan, 1)).toBe(11); // still at or above 10: no alert
    expect(await stack.sell(pan, 2)).toBe(9); // crosses: alert
    expect(await stack.sell(pan, 1)).toBe(8); // already below: no alert
    await stack.restock(pan, 1);
    expect(await stack.sell(pan, 9)).toBe(0);
    expect(await stack.sell(pot, 1)).toBe(9); // crosses from exactly the threshold: alert
    await alerts.until(2);
    await sleep(200);

    expect(alerts.results).toEqual([
      { data: { lowStockAlert: { stock: 9, threshold: 10, product: { id: pan, name: expect.stringMatching(/^Pan /) } } } },
      { data: { lowStockAlert: { stock: 9, threshold: 10, product: { id: pot, name: expect.stringMatching(/^Pot /) } } } },
    ]);
    await leave(alerts, Topic.LowStockAlert);
  });
});
