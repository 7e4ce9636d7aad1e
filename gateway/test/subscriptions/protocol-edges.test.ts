import { randomUUID } from 'node:crypto';
import { LIMITS } from '@bodega/gateway';
import { startFederatedStack, type FederatedStack } from '@bodega/testing/federated-stack';
import { rawSocket, type RawSocket, type WireMessage } from '@bodega/testing/raw-ws';

let stack: FederatedStack;
const sockets: RawSocket[] = [];

beforeAll(async () => {
  stack = await startFederatedStack();
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await stack.close();
});

async function connect(): Promise<RawSocket> {
  const socket = await rawSocket(stack.gateway.url);
  sockets.push(socket);
  return socket;
}

/** Sends one operation and resolves with its first answer: next or error. */
async function operation(socket: RawSocket, query: string, variables?: Record<string, unknown>): Promise<WireMessage> {
  const id = randomUUID();
  socket.send({ id, type: 'subscribe', payload: { query, variables } });
  return socket.next((message) => message.id === id && (message.type === 'next' || message.type === 'error'));
}

/** `subscription { stockChanged { product { category { parent { parent ... } } } } }`, `parents` deep. */
function deepSubscription(parents: number): string {
  return `subscription { stockChanged { product { category { ${'parent { '.repeat(parents)}id${' }'.repeat(parents)} } } } }`;
}

describe('graphql-ws on the gateway: protocol edges', () => {
  it('closes a connection that never sends connection_init with 4408 once the wait runs out', async () => {
    const socket = await connect();
    const started = Date.now();

    const { code } = await socket.closed;

    expect(code).toBe(4408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
  });

  it('refuses a subscribe before connection_ack with 4401', async () => {
    const socket = await connect();
    socket.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { lowStockAlert { stock } }' } });

    expect((await socket.closed).code).toBe(4401);
  });

  it('answers a subscription that fails validation with BAD_USER_INPUT and keeps the socket open', async () => {
    const socket = await connect();
    await socket.init();

    const answer = await operation(socket, 'subscription { stockChanged { stock notAField } }');

    expect(answer.type).toBe('error');
    expect(answer.payload).toEqual([
      expect.objectContaining({ message: expect.stringContaining('notAField'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    expect((await operation(socket, '{ products(first: 1) { totalCount } }')).type).toBe('next');
  });

  it('answers a subscription whose variables do not coerce with BAD_USER_INPUT', async () => {
    const socket = await connect();
    await socket.init();

    const answer = await operation(socket, 'subscription ($id: ID) { stockChanged(productId: $id) { stock } }', { id: { not: 'an id' } });

    expect(answer.type).toBe('error');
    expect(answer.payload[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('runs a query sent over the socket as over HTTP, then completes it', async () => {
    const socket = await connect();
    await socket.init();
    await stack.createProduct({ name: `Sieve ${randomUUID()}`, stock: 1 });

    const answer = await operation(socket, '{ products(first: 1) { totalCount } }');

    expect(answer).toMatchObject({ type: 'next', payload: { data: { products: { totalCount: 1 } } } });
    await socket.next((message) => message.id === answer.id && message.type === 'complete');
  });

  it('answers a query that fails in a subgraph with its contract error code and keeps the socket open', async () => {
    const socket = await connect();
    await socket.init();
    const id = randomUUID();

    const answer = await operation(socket, 'mutation ($id: ID!) { sellProduct(id: $id, quantity: 1) { id } }', { id });

    expect(answer.type).toBe('next');
    expect(answer.payload.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining(id), extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
    expect(JSON.stringify(answer.payload)).not.toContain('stacktrace');
    expect((await operation(socket, '{ products(first: 1) { totalCount } }')).type).toBe('next');
  });

  it(`applies the depth limit (${LIMITS.maxDepth}) to subscriptions over the socket`, async () => {
    const socket = await connect();
    await socket.init();

    const tooDeep = await operation(socket, deepSubscription(LIMITS.maxDepth));

    expect(tooDeep.type).toBe('error');
    expect(tooDeep.payload[0]).toMatchObject({ message: expect.stringMatching(/depth/i), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it(`applies the alias limit (${LIMITS.maxAliases}) to subscriptions over the socket`, async () => {
    const socket = await connect();
    await socket.init();
    const aliases = (count: number) => Array.from({ length: count }, (_, i) => `a${i}: stock`).join(' ');

    const tooMany = await operation(socket, `subscription { stockChanged { ${aliases(LIMITS.maxAliases + 1)} } }`);

    expect(tooMany.type).toBe('error');
    expect(tooMany.payload[0]).toMatchObject({ message: expect.stringMatching(/alias/i), extensions: { code: 'BAD_USER_INPUT' } });
    expect(stack.gateway.subscriptions.stats()).toEqual({ shared: 0, subscribers: 0 });
  });

  it(`applies the token limit (${LIMITS.maxTokens}) to documents over the socket`, async () => {
    const socket = await connect();
    await socket.init();

    const tooLong = await operation(socket, `{ ${'__typename '.repeat(LIMITS.maxTokens)} }`);

    expect(tooLong.type).toBe('error');
    expect(tooLong.payload[0]).toMatchObject({ message: expect.stringMatching(/token/i), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
