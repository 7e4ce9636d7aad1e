import { randomUUID } from 'node:crypto';
import { Topic } from '@bodega/events';
import type { Client } from 'graphql-ws';
import { closeWithClient, federatedStackWithClient, type FederatedStack } from '@bodega/testing/federated-stack';
import { untilListening } from '@bodega/testing/live';
import { contractOperation } from '@bodega/testing/stack';
import { record } from '@bodega/testing/ws';

interface StockChanged {
  stockChanged: { stock: number; product: { id: string; sales: { unitsSold: number } } } | null;
}

let stack: FederatedStack;
let client: Client;
beforeAll(async () => ({ stack, client } = await federatedStackWithClient()));
afterAll(() => closeWithClient({ stack, client }));

describe('events that resolve with errors', () => {
  it('reach the subscriber with the sales subgraph’s error when the entity fetch fails, and later events still arrive whole', async () => {
    const id = await stack.createProduct({ name: `Grater ${randomUUID()}`, stock: 10 });
    stack.sales.unitsSold.set(id, 4);
    const changes = record<StockChanged>(client, contractOperation('StockChanged'), { productId: id });
    await untilListening(stack, Topic.StockChanged, 1);

    stack.sales.failing.add(id);
    await stack.sell(id, 1);
    await changes.until(1);
    stack.sales.failing.delete(id);
    await stack.sell(id, 1);
    await changes.until(2);

    const [failed, whole] = changes.results;
    // Product.sales is non-null, so the failure nulls up to the nullable root of the event.
    expect(failed?.data).toBeNull();
    expect(failed?.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('recomputed'),
        path: ['stockChanged', 'product', 'sales'],
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'sales' }),
      }),
    ]);
    expect(JSON.stringify(failed)).not.toContain('stacktrace');
    expect(whole).toEqual({ data: { stockChanged: { stock: 8, delta: -1, reason: 'SALE', product: expect.objectContaining({ id, sales: { unitsSold: 4 } }) } } });
    expect(changes.ended).toBeUndefined();
    changes.dispose();
    await untilListening(stack, Topic.StockChanged, 0);
  });

  it('reach the subscriber masked and tagged with the products service when the event’s own fields fail', async () => {
    const ghost = randomUUID();
    const changes = record<StockChanged>(client, contractOperation('StockChanged'), { productId: ghost });
    await untilListening(stack, Topic.StockChanged, 1);

    // An event for a product that is gone by the time the subgraph resolves it.
    const event = { productId: ghost, stock: 1, delta: -1, reason: 'SALE', lowStockThreshold: 1, occurredAt: new Date().toISOString() } as const;
    await stack.events.publish(Topic.StockChanged, { ...event, version: 1 });
    await changes.until(1);

    const [failed] = changes.results;
    expect(failed?.data).toBeNull();
    expect(failed?.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR', serviceName: 'products' }) }),
    ]);
    expect(JSON.stringify(failed)).not.toMatch(/vanished|stacktrace/);

    await stack.events.publish(Topic.StockChanged, { ...event, version: 2 });
    await changes.until(2);
    expect(changes.ended).toBeUndefined();
    changes.dispose();
  });
});
