import { randomUUID } from 'node:crypto';
import { DEFAULT_SUBSCRIPTION_CAPS } from '@bodega/gateway';
import { bearer } from '@bodega/testing/auth';
import { startFederatedStack, type FederatedStack } from '@bodega/testing/federated-stack';
import { untilHubHolds } from '@bodega/testing/live';
import { rawSocket, type RawSocket, type WireMessage } from '@bodega/testing/raw-ws';
import { REDIS_URL } from '@bodega/testing/stack';

const PER_SOCKET = DEFAULT_SUBSCRIPTION_CAPS.maxSubscriptionsPerSocket;
const PER_USER = DEFAULT_SUBSCRIPTION_CAPS.maxSubscriptionsPerUser;
const STOCK = 'subscription { stockChanged { stock } }';

let stack: FederatedStack;
let sockets: RawSocket[] = [];

beforeAll(async () => {
  stack = await startFederatedStack({ redisUrl: REDIS_URL });
});
afterEach(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  sockets = [];
  await untilHubHolds(stack, { shared: 0, subscribers: 0 });
});
afterAll(() => stack.close());

async function connect(authorization?: string): Promise<RawSocket> {
  const socket = await rawSocket(stack.gateway.url);
  sockets.push(socket);
  await socket.init(authorization === undefined ? {} : { authorization });
  return socket;
}

function subscribe(socket: RawSocket, count: number): string[] {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const id of ids) socket.send({ id, type: 'subscribe', payload: { query: STOCK } });
  return ids;
}

const errorFor = (socket: RawSocket, id: string) => socket.next((message) => message.id === id && message.type === 'error');

function expectTooMany(message: WireMessage, scope: 'socket' | 'user', limit: number) {
  expect(message.payload).toEqual([
    {
      message: expect.stringContaining(`${limit} subscriptions open`),
      extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_SUBSCRIPTIONS', scope, limit },
    },
  ]);
}

/** Sells one unit and resolves with the ids that received the stock change. */
async function idsReceivingAnEvent(socket: RawSocket, expected: number): Promise<Set<string>> {
  const before = socket.messages.length;
  const id = await stack.createProduct({ name: `Cap probe ${randomUUID()}`, stock: 5 });
  await stack.sell(id);
  const isNext = (message: WireMessage) => message.type === 'next' && message.payload?.data?.stockChanged?.stock === 4;
  await socket.next((message) => socket.messages.slice(before).filter(isNext).length >= expected && isNext(message), 10_000);
  return new Set(socket.messages.slice(before).filter(isNext).map((message) => message.id!));
}

describe(`subscriptions open at once: ${PER_SOCKET} per socket, ${PER_USER} per user`, () => {
  it(`refuses an anonymous socket's subscription number ${PER_SOCKET + 1} with TOO_MANY_SUBSCRIPTIONS and keeps the other ${PER_SOCKET} running`, async () => {
    const socket = await connect();
    const ids = subscribe(socket, PER_SOCKET + 1);

    expectTooMany(await errorFor(socket, ids[PER_SOCKET]!), 'socket', PER_SOCKET);
    await untilHubHolds(stack, { shared: 1, subscribers: PER_SOCKET });
    const received = await idsReceivingAnEvent(socket, PER_SOCKET);
    expect(received).toEqual(new Set(ids.slice(0, PER_SOCKET)));
    expect(socket.messages.filter((message) => message.type === 'error')).toHaveLength(1);
  });

  it('gives a place back when the client completes a subscription, and counts queries over the socket not at all', async () => {
    const socket = await connect();
    const ids = subscribe(socket, PER_SOCKET);
    await untilHubHolds(stack, { shared: 1, subscribers: PER_SOCKET });

    const query = randomUUID();
    socket.send({ id: query, type: 'subscribe', payload: { query: '{ products(first: 1) { totalCount } }' } });
    expect((await socket.next((message) => message.id === query)).type).toBe('next');

    socket.send({ id: ids[0]!, type: 'complete' });
    await untilHubHolds(stack, { shared: 1, subscribers: PER_SOCKET - 1 });
    const [again] = subscribe(socket, 1);
    await untilHubHolds(stack, { shared: 1, subscribers: PER_SOCKET });
    const [refused] = subscribe(socket, 1);
    expectTooMany(await errorFor(socket, refused!), 'socket', PER_SOCKET);
    expect((await idsReceivingAnEvent(socket, PER_SOCKET)).has(again!)).toBe(true);
  });

  it(`refuses one user's subscription number ${PER_USER + 1} on any socket, leaves other users alone, and frees places when a socket closes`, async () => {
    const customer = await bearer('CUSTOMER');
    const full = PER_USER / PER_SOCKET;
    const own: RawSocket[] = [];
    for (let i = 0; i < full; i++) {
      const socket = await connect(customer);
      subscribe(socket, PER_SOCKET);
      own.push(socket);
    }
    await untilHubHolds(stack, { shared: 1, subscribers: PER_USER });

    const extra = await connect(customer);
    const [refused] = subscribe(extra, 1);
    expectTooMany(await errorFor(extra, refused!), 'user', PER_USER);

    const someoneElse = await connect(await bearer('CUSTOMER'));
    subscribe(someoneElse, 1);
    await untilHubHolds(stack, { shared: 2, subscribers: PER_USER + 1 });

    await own[0]!.close();
    await untilHubHolds(stack, { shared: 2, subscribers: PER_USER + 1 - PER_SOCKET });
    const [accepted] = subscribe(extra, 1);
    await untilHubHolds(stack, { shared: 2, subscribers: PER_USER + 2 - PER_SOCKET });
    expect((await idsReceivingAnEvent(extra, 1)).has(accepted!)).toBe(true);
  });
});
