import { randomUUID } from 'node:crypto';
import { Topic } from '@bodega/events';
import type { Client } from 'graphql-ws';
import { startFederatedStack, type Deployment, type FederatedStack } from '@bodega/testing/federated-stack';
import { untilHubHolds, untilListening } from '@bodega/testing/live';
import { contractOperation, REDIS_URL } from '@bodega/testing/stack';
import { sleep } from '@bodega/testing/wait';
import { record, wsClient } from '@bodega/testing/ws';

interface StockChanged {
  stockChanged: { stock: number; reason: string; product: { id: string; sales: { unitsSold: number } } };
}

/** A client per gateway, subscribed through it, once the products subgraph behind each holds `listening` bus subscriptions. */
async function subscribeThrough(deployments: Deployment[], productId: string, listening: number) {
  const clients = deployments.map((deployment) => wsClient(deployment.gateway.url));
  const recordings = clients.map((client) => record<StockChanged>(client, contractOperation('StockChanged'), { productId }));
  for (const deployment of deployments) {
    await untilHubHolds(deployment, { shared: 1, subscribers: 1 });
    await untilListening(deployment, Topic.StockChanged, listening);
  }
  return { clients, recordings };
}

const stocksOf = (recording: { results: Array<{ data?: StockChanged | null }> }) =>
  recording.results.map(({ data }) => data?.stockChanged.stock);

describe('two gateways in front of one products subgraph', () => {
  let stack: FederatedStack;
  let second: Deployment;
  let clients: Client[] = [];

  beforeAll(async () => {
    stack = await startFederatedStack();
    second = await stack.addDeployment();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await stack.close();
  });

  it('delivers one committed sale to each gateway’s own subscriber, once', async () => {
    const id = await stack.createProduct({ name: `Mortar ${randomUUID()}`, stock: 10 });
    stack.sales.unitsSold.set(id, 5);
    // Both gateways subscribe upstream at the one subgraph: two subscriptions on its bus.
    const subscribed = await subscribeThrough([stack, second], id, 2);
    clients = subscribed.clients;

    await stack.sell(id, 3);
    await Promise.all(subscribed.recordings.map((recording) => recording.until(1)));
    await sleep(200);

    for (const recording of subscribed.recordings) {
      expect(recording.results).toEqual([
        { data: { stockChanged: { stock: 7, delta: -3, reason: 'SALE', product: expect.objectContaining({ id, sales: { unitsSold: 5 } }) } } },
      ]);
    }
  });
});

describe('two products subgraphs sharing Redis, each behind its own gateway', () => {
  let stack: FederatedStack;
  let replica: Deployment;
  let clients: Client[] = [];

  beforeAll(async () => {
    stack = await startFederatedStack({ redisUrl: REDIS_URL });
    replica = await stack.addDeployment({ ownProducts: true });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await stack.close();
  });

  it('delivers a change committed through either replica to the subscribers of both, in order', async () => {
    const id = await stack.createProduct({ name: `Pestle ${randomUUID()}`, stock: 10 });
    const subscribed = await subscribeThrough([stack, replica], id, 1);
    clients = subscribed.clients;
    expect(replica.products.url).not.toBe(stack.products.url);

    await stack.sell(id, 1);
    const sold = await replica.request(contractOperation('SellProduct'), { id, quantity: 2 });
    expect(sold.body.errors).toBeUndefined();
    await stack.restock(id, 4);
    await Promise.all(subscribed.recordings.map((recording) => recording.until(3)));
    await sleep(200);

    for (const recording of subscribed.recordings) expect(stocksOf(recording)).toEqual([9, 7, 11]);
    expect(subscribed.recordings[1]?.results.map(({ data }) => data?.stockChanged.reason)).toEqual(['SALE', 'SALE', 'RESTOCK']);
  });
});
