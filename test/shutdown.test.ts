// SIGTERM for real: `npm start`'s process and every service's own main.ts, each a child process.
import { request } from 'node:http';
import { faker } from '@faker-js/faker';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from './support/databases';
import { publicJwks } from '@bodega/auth';
import { TEST_SERVICE_SECRET, TEST_SIGNING_KEY } from './support/auth';

/** One deployment's keys: accounts signs with the private key, the others verify with its public half. */
const KEYS = {
  ACCOUNTS_SIGNING_KEYS: JSON.stringify({ keys: [TEST_SIGNING_KEY] }),
  ACCESS_TOKEN_JWKS: JSON.stringify(publicJwks([TEST_SIGNING_KEY])),
  SERVICE_SECRET: TEST_SERVICE_SECRET,
};
import { startChild, type ChildProcessUnderTest } from './support/child';
import { lockProduct, type ProductLock } from './support/product-lock';
import { rawSocket } from './support/raw-ws';
import { contractOperation, postGraphQL, REDIS_URL } from './support/stack';
import { sleep } from './support/wait';

const ORDERS = 40;
const GRACE_MS = 20_000;

let db: TestDatabase;
beforeAll(async () => {
  faker.seed(1213);
  db = await createTestDatabase();
});
afterAll(() => db.drop());

interface Answer {
  status: number;
  body: { data?: { placeOrder?: { id: string; status: string } } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/**
 * POSTs an operation with node:http, resolving `sent` once the whole request is on the wire:
 * from then on it is the server's to answer. A reset resolves the answer with status 0.
 */
function send(url: string, query: string, variables: Record<string, unknown>, authorization: string) {
  let markSent = () => {};
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<Answer>((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', (error) => resolve({ status: 0, body: { errors: [{ message: error.message }] } }));
    req.on('finish', markSent);
    req.end(JSON.stringify({ query, variables }));
  });
  return { sent, answer };
}

async function signUp(graphql: string): Promise<string> {
  const input = { email: faker.internet.email().toLowerCase(), password: 'correct horse battery 9', name: faker.person.fullName() };
  const response = await postGraphQL<{ signUp: { accessToken: string } }>(graphql, contractOperation('SignUp'), { input }, { authorization: '' });
  if (!response.body.data) throw new Error(`SignUp failed: ${JSON.stringify(response.body.errors)}`);
  return `Bearer ${response.body.data.signUp.accessToken}`;
}

describe('npm start on SIGTERM', () => {
  let bodega: ChildProcessUnderTest;
  let lock: ProductLock | undefined;
  let reader: Client | undefined;
  afterAll(async () => {
    bodega?.child.kill('SIGKILL');
    await lock?.close();
    await reader?.end();
  });

  it(`answers every one of ${ORDERS} placeOrders in flight, refuses new work, closes websockets with 1001 and exits 0`, async () => {
    bodega = await startChild(
      'scripts/start.ts',
      {
        DATABASE_URL: db.url,
        REDIS_URL,
        ...KEYS,
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
        PORT: '0',
        SIGN_UP_LIMIT_PER_ADDRESS: '1000',
        ACCOUNTS_PORT: '0',
        PRODUCTS_PORT: '0',
        ORDERS_PORT: '0',
        RAG_PORT: '0',
        CHAT_PORT: '0',
      },
      (line) => typeof line.graphql === 'string',
    );
    const graphql = String(bodega.readyLine.graphql);
    const admin = await signUp(graphql); // the first account: ADMIN
    const customer = await signUp(graphql);
    // One product per order: once the locks go, the orders do not queue on one row, and none
    // waits past the stock call's 5 s timeout on a loaded machine.
    const productIds: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const created = await postGraphQL<{ createProduct: { id: string } }>(
        graphql,
        contractOperation('CreateProduct'),
        { input: { name: faker.commerce.productName(), description: 'Drain test.', categoryId: '638', stock: 10, price: { amount: '2.50', currencyCode: 'EUR' } } },
        { authorization: admin },
      );
      productIds.push(created.body.data!.createProduct.id);
    }
    const socket = await rawSocket(graphql);
    await socket.init({ authorization: admin });
    socket.send({ id: 'orders', type: 'subscribe', payload: { query: contractOperation('OrderEvents') } });

    // The products' row locks make every order wait inside reserveStock: in flight, half done.
    lock = await lockProduct(db.url, productIds);
    const orders = productIds.map((productId) =>
      send(graphql, contractOperation('PlaceOrder'), { input: { items: [{ productId, quantity: 1 }] } }, customer),
    );
    await Promise.all(orders.map((order) => order.sent));
    await lock.untilAnOrderWaits();
    await sleep(300); // the last requests on the wire are read by now
    const signalled = Date.now();
    bodega.child.kill('SIGTERM');

    const readiness = new URL('/ready', graphql);
    let ready = await fetch(readiness);
    while (ready.status !== 503 && Date.now() - signalled < 5_000) ready = await fetch(readiness);
    expect(ready.status).toBe(503);
    const late = await send(graphql, contractOperation('PlaceOrder'), { input: { items: [{ productId: productIds[0], quantity: 1 }] } }, customer).answer;
    expect(late.status).toBe(503);
    expect(late.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

    await lock.release();
    const answers = await Promise.all(orders.map((order) => order.answer));
    expect(answers.filter((answer) => answer.status !== 200 || answer.body.errors)).toEqual([]);
    expect(answers.map((answer) => answer.body.data?.placeOrder?.status)).toEqual(Array(ORDERS).fill('PLACED'));

    expect(await bodega.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(GRACE_MS);
    expect((await socket.closed).code).toBe(1001);
    // Events travel after each commit, over Redis: those of the last orders may still be on their way at the close.
    expect(socket.messages.some((message) => message.type === 'next')).toBe(true);

    reader = new Client({ connectionString: db.url });
    await reader.connect();
    const { rows } = await reader.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM orders.orders GROUP BY status');
    expect(rows).toEqual([{ status: 'PLACED', n: String(ORDERS) }]);
    const stock = await reader.query<{ sum: string }>('SELECT sum(stock) FROM products.products WHERE id = ANY($1::uuid[])', [productIds]);
    expect(Number(stock.rows[0]!.sum)).toBe(10 * ORDERS - ORDERS);
  }, 120_000);
});

describe.each([
  ['the gateway', 'gateway/src/main.ts'],
  ['the accounts subgraph', 'subgraphs/accounts/src/main.ts'],
  ['the products subgraph', 'subgraphs/products/src/main.ts'],
  ['the orders subgraph', 'subgraphs/orders/src/main.ts'],
])('%s on its own (%s)', (_name, entry) => {
  it('answers /ready, then on SIGTERM drains, says so and exits 0', async () => {
    const service = await startChild(
      entry,
      { DATABASE_URL: db.url, REDIS_URL, ...KEYS, PORT: '0', ALERT_WEBHOOK_URL: undefined },
      (line) => typeof line.url === 'string' && String(line.msg).endsWith('listening'),
    );
    try {
      const ready = await fetch(new URL('/ready', String(service.readyLine.url)));
      // The gateway's own /ready also asks the subgraphs, which do not run here.
      expect(entry.startsWith('gateway') ? [200, 503] : [200]).toContain(ready.status);

      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(service.lines.map((line) => line.msg)).toEqual(
        expect.arrayContaining(['stopping: refusing new requests, letting those in flight finish', 'stopped']),
      );
    } finally {
      service.child.kill('SIGKILL');
    }
  }, 60_000);
});
