import { randomUUID } from 'node:crypto';
import { Topic } from '@bodega/events';
import { BodegaCloseCode } from '@bodega/gateway';
import type { Client } from 'graphql-ws';
import { startFederatedStack, type FederatedStack } from '@bodega/testing/federated-stack';
import { untilHubHolds, untilListening } from '@bodega/testing/live';
import { rawSocket, type RawSocket } from '@bodega/testing/raw-ws';
import { contractOperation } from '@bodega/testing/stack';
import { record, wsClient } from '@bodega/testing/ws';

const MAX_QUEUED = 5;
const RESTOCKS = 250;
const ALIASES = 12;

/** Every event carries the product's 5,000-character description 12 times: about 60 KB. */
const BIG_EVENTS = `subscription Big($id: ID) {
  stockChanged(productId: $id) {
    stock
    product { ${Array.from({ length: ALIASES }, (_, i) => `d${i}: description`).join(' ')} }
  }
}`;

interface Big {
  stockChanged: { stock: number; product: Record<string, string> };
}

let stack: FederatedStack;
let client: Client;
let slow: RawSocket;

beforeAll(async () => {
  stack = await startFederatedStack({ subscriptionLimits: { maxQueuedPerSocket: MAX_QUEUED } });
  client = wsClient(stack.gateway.url);
});
afterAll(async () => {
  await slow?.close();
  await client.dispose();
  await stack.close();
});

describe('a subscriber that stops reading', () => {
  it('is cut off with 4013 while a subscriber on another socket keeps receiving every event', async () => {
    const id = await stack.createProduct({ name: `Anvil ${randomUUID()}`, stock: 0, description: 'x'.repeat(5000) });
    const fast = record<Big>(client, BIG_EVENTS, { id });
    // Opened only now: the gateway closes a socket whose connection_init is 3 s late (4408).
    slow = await rawSocket(stack.gateway.url);
    await slow.init();
    slow.send({ id: 'big', type: 'subscribe', payload: { query: BIG_EVENTS, variables: { id } } });
    // A second, quiet subscription on the same socket: the cut must let go of it too.
    slow.send({ id: 'alerts', type: 'subscribe', payload: { query: contractOperation('LowStockAlerts') } });
    await untilHubHolds(stack, { shared: 2, subscribers: 3 });
    await untilListening(stack, Topic.StockChanged, 1);
    await untilListening(stack, Topic.LowStockAlert, 1);
    slow.stopReading();

    for (let i = 0; i < RESTOCKS; i += 1) await stack.restock(id, 1);
    await fast.until(RESTOCKS, 30_000);

    // The cut lets go of the slow socket's subscriptions at once, before the client reads the close:
    // nothing more queues up for it, and the alerts nobody else wanted end upstream.
    await untilHubHolds(stack, { shared: 1, subscribers: 1 });
    await untilListening(stack, Topic.LowStockAlert, 0);
    slow.resumeReading();
    const { code, reason } = await slow.closed;
    expect(code).toBe(BodegaCloseCode.SlowConsumer);
    expect(reason).toMatch(/slow consumer/i);
    const reachedSlow = slow.messages.filter((message) => message.type === 'next').length;
    expect(reachedSlow).toBeLessThan(RESTOCKS / 2);

    expect(fast.ended).toBeUndefined();
    expect(fast.results.map((result) => result.data?.stockChanged.stock)).toEqual(Array.from({ length: RESTOCKS }, (_, i) => i + 1));
    expect(Object.values(fast.results[0]?.data?.stockChanged.product ?? {})).toHaveLength(ALIASES);
    await stack.restock(id, 1);
    await fast.until(RESTOCKS + 1);
    expect(fast.results[RESTOCKS]?.data?.stockChanged.stock).toBe(RESTOCKS + 1);
  });
});
