import { randomUUID } from 'node:crypto';
import { Topic } from '@bodega/events';
import type { Client } from 'graphql-ws';
import { startFederatedStack, type FederatedStack } from '@bodega/testing/federated-stack';
import { untilHubHolds, untilListening } from '@bodega/testing/live';
import { contractOperation } from '@bodega/testing/stack';
import { sleep } from '@bodega/testing/wait';
import { record, wsClient } from '@bodega/testing/ws';

interface StockChanged {
  stockChanged: { stock: number; product: { id: string; sales: { unitsSold: number } } };
}

const CLIENTS = 20;

let stack: FederatedStack;
let clients: Client[];
let kettle: string;
let teapot: string;
let recordings: Array<ReturnType<typeof record<StockChanged>>>;

beforeAll(async () => {
  stack = await startFederatedStack();
  clients = Array.from({ length: CLIENTS + 1 }, () => wsClient(stack.gateway.url));
  kettle = await stack.createProduct({ name: `Kettle ${randomUUID()}`, stock: 100 });
  teapot = await stack.createProduct({ name: `Teapot ${randomUUID()}`, stock: 100 });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack.close();
});

/** The sales subgraph's counters, to compare before and after one event. */
const salesCalls = () => ({ requests: stack.sales.requests, representations: stack.sales.representations });

// The tests build on each other: the same 20 clients subscribe, then a 21st differs, then all leave.
describe('identical subscriptions from many clients', () => {
  it(`share one upstream subscription and one sales fetch per event among ${CLIENTS} clients`, async () => {
    stack.sales.unitsSold.set(kettle, 12);
    recordings = clients.slice(0, CLIENTS).map((client) => record<StockChanged>(client, contractOperation('StockChanged'), { productId: kettle }));
    await untilHubHolds(stack, { shared: 1, subscribers: CLIENTS });
    await untilListening(stack, Topic.StockChanged, 1);

    const before = salesCalls();
    await stack.sell(kettle, 2);
    await Promise.all(recordings.map((recording) => recording.until(1)));
    await sleep(100); // a late duplicate fetch would show up here

    expect(salesCalls()).toEqual({ requests: before.requests + 1, representations: before.representations + 1 });
    const expected = { data: { stockChanged: expect.objectContaining({ stock: 98, product: expect.objectContaining({ id: kettle, sales: { unitsSold: 12 } }) }) } };
    for (const recording of recordings) expect(recording.results).toEqual([expected]);
    expect(stack.events.live(Topic.StockChanged)).toBe(1);
  });

  it('gives a subscription with other variables a shared subscription of its own', async () => {
    const other = record<StockChanged>(clients[CLIENTS]!, contractOperation('StockChanged'), { productId: teapot });
    await untilHubHolds(stack, { shared: 2, subscribers: CLIENTS + 1 });
    await untilListening(stack, Topic.StockChanged, 2);

    const before = salesCalls();
    await stack.sell(teapot, 1);
    await stack.sell(kettle, 1);
    await other.until(1);
    await Promise.all(recordings.map((recording) => recording.until(2)));
    await sleep(100);

    expect(other.results.map(({ data }) => [data?.stockChanged.product.id, data?.stockChanged.stock])).toEqual([[teapot, 99]]);
    for (const recording of recordings) expect(recording.results.map(({ data }) => data?.stockChanged.stock)).toEqual([98, 97]);
    expect(salesCalls()).toEqual({ requests: before.requests + 2, representations: before.representations + 2 });
    other.dispose();
    await untilHubHolds(stack, { shared: 1, subscribers: CLIENTS });
    await untilListening(stack, Topic.StockChanged, 1);
  });

  it('keeps the upstream subscription while any client stays, and ends it when the last one leaves', async () => {
    for (const recording of recordings.slice(1)) recording.dispose();
    await untilHubHolds(stack, { shared: 1, subscribers: 1 });
    expect(stack.events.live(Topic.StockChanged)).toBe(1);
    await stack.sell(kettle, 1);
    await recordings[0]!.until(3);

    recordings[0]!.dispose();
    await untilHubHolds(stack, { shared: 0, subscribers: 0 });
    await untilListening(stack, Topic.StockChanged, 0);
    const before = salesCalls();
    await stack.sell(kettle, 1);
    await sleep(200);

    expect(salesCalls()).toEqual(before);
    expect(recordings.map((recording) => recording.results.length)).toEqual([3, ...Array<number>(CLIENTS - 1).fill(2)]);
  });
});
