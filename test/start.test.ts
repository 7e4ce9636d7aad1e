import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { createInterface } from 'node:readline';
import { faker } from '@faker-js/faker';
import { guardFlag } from './egress/report';
import { describeMode } from '../scripts/start-support';
import { contractOperation, postGraphQL } from './support/stack';
import { freePort } from './support/child';
import { record, wsClient } from './support/ws';

const ROOT = join(__dirname, '..');

interface Started {
  child: ChildProcess;
  graphql: string;
  lines: Array<Record<string, unknown>>;
}

/** `npm start`'s script as a user runs it: no DATABASE_URL, no REDIS_URL. */
async function embeddedEnv(dataDir: string, overrides: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SIGN_UP_LIMIT_PER_ADDRESS: '1000', ACCOUNTS_PORT: '0', PRODUCTS_PORT: '0', ORDERS_PORT: '0', RAG_PORT: '0', CHAT_PORT: '0', LOG_FORMAT: 'json' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'OPENAI_API_KEY', 'ACCOUNTS_SIGNING_KEYS', 'ACCOUNTS_SIGNING_KEYS_FILE', 'SERVICE_SECRET', 'SERVICE_SECRET_FILE']) {
    delete env[name];
  }
  // Not jest's flags, but the egress guard: nothing `npm start` does may leave the machine.
  env.NODE_OPTIONS = guardFlag();
  // `.bodega/` is `dir`: the data, and the keys made on a fresh machine.
  env.EMBEDDED_DATA_DIR = join(dataDir, 'pgdata');
  env.EMBEDDED_DB_PORT = String(await freePort());
  return { ...env, ...overrides };
}

/** Every child started here, stopped in afterAll whatever happened to its test. */
const children = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child);
    }
  }
});

function run(env: NodeJS.ProcessEnv): { child: ChildProcess; lines: Array<Record<string, unknown>> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env });
  children.add(child);
  const lines: Array<Record<string, unknown>> = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      lines.push({ text });
    }
  });
  return { child, lines };
}

function untilUp(child: ChildProcess, lines: Array<Record<string, unknown>>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not up within 120 s:\n${JSON.stringify(lines, null, 1)}`)), 120_000);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${JSON.stringify(lines)}`)));
    const poll = setInterval(() => {
      const up = lines.find((line) => typeof line.graphql === 'string' && String(line.msg).startsWith('Bodega is up'));
      if (!up) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ child, graphql: String(up.graphql), lines });
    }, 50);
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );
}

describe('npm start on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bodega-start-'));
  let started: Started;
  beforeAll(async () => {
    const { child, lines } = run(await embeddedEnv(dataDir));
    started = await untilUp(child, lines);
  }, 150_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers { __typename } and says which mode it runs in, where the web app and GraphQL are', async () => {
    const response = await fetch(started.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    const up = started.lines.find((line) => String(line.msg).startsWith('Bodega is up'));
    expect(up).toMatchObject({ database: expect.stringContaining('embedded PGlite'), events: expect.stringContaining('in-process bus'), web: expect.any(String) });
    expect(String(up?.msg)).toContain('embedded default');
    expect(String(up?.msg)).toContain(started.graphql);
  });

  it('streams a cancellation to the staff’s live orders, with the customer resolved by accounts', async () => {
    faker.seed(34_000);
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const signUp = async () => {
      const response = await postGraphQL(
        started.graphql,
        contractOperation('SignUp'),
        { input: { email: faker.internet.email().toLowerCase(), password: faker.internet.password({ length: 16 }), name: faker.person.fullName() } },
        { authorization: '' },
      );
      expect(response.body.errors).toBeUndefined();
      return response.body.data!.signUp as { accessToken: string; user: { id: string; email: string; role: string } };
    };
    const admin = await signUp();
    expect(admin.user.role).toBe('ADMIN');
    // Keys made on the spot: accounts signs sessions whose tokens the gateway and every subgraph accept.
    const keysFile = join(dataDir, 'signing-keys.json');
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keysFile, 'utf8')).keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String) });
    expect(existsSync(join(dataDir, 'service-secret'))).toBe(true);
    const shopper = await signUp();

    // The web app's own selection of an order event: the customer comes from the accounts subgraph.
    const staff = wsClient(started.graphql, { connectionParams: { authorization: `Bearer ${admin.accessToken}` } });
    const staffFeed = record<{ orderEvent: { type: string; order: { id: string; status: string; customer: { email: string } | null } } }>(
      staff,
      'subscription { orderEvent { type order { id status customer { id email } items { quantity product { id name } } } } }',
    );
    const created = await postGraphQL(
      started.graphql,
      contractOperation('CreateProduct'),
      { input: { name: `${faker.commerce.productName()} ${faker.string.alphanumeric(6)}`, stock: 5, price: { amount: '3.50', currencyCode: 'EUR' } } },
      as(admin.accessToken),
    );
    const productId = created.body.data!.createProduct.id as string;
    // The subscription is in place once a first event can arrive: place, then cancel, and expect both.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const placed = await postGraphQL(
      started.graphql,
      contractOperation('PlaceOrder'),
      { input: { items: [{ productId, quantity: 2 }], idempotencyKey: faker.string.uuid() } },
      as(shopper.accessToken),
    );
    expect(placed.body.errors).toBeUndefined();
    const orderId = placed.body.data!.placeOrder.id as string;
    const cancelled = await postGraphQL(started.graphql, contractOperation('CancelOrder'), { id: orderId }, as(shopper.accessToken));
    expect(cancelled.body.errors).toBeUndefined();

    const results = await staffFeed.until(2, 15_000);
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(results.map((result) => [result.data?.orderEvent.type, result.data?.orderEvent.order.status, result.data?.orderEvent.order.customer?.email])).toEqual([
      ['PLACED', 'PLACED', shopper.user.email],
      ['CANCELLED', 'CANCELLED', shopper.user.email],
    ]);
    staffFeed.dispose();
    await staff.dispose();
  }, 60_000);

  it('stops cleanly on Ctrl-C', async () => {
    const exited = exitOf(started.child);
    started.child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 30_000);
});

describe('npm start in production', () => {
  it('refuses to run without configured keys, naming the variable, and makes none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bodega-start-production-'));
    try {
      const { child, lines } = run(await embeddedEnv(dir, { NODE_ENV: 'production' }));
      expect(await exitOf(child)).toBe(1);
      expect(JSON.stringify(lines)).toContain('ACCOUNTS_SIGNING_KEYS is not set');
      expect(existsSync(join(dir, 'signing-keys.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('npm start with a port already taken', () => {
  let squatter: Server;
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'bodega-start-taken-'));
  beforeAll(async () => {
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    port = (squatter.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => squatter.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says which port is taken and which variable moves it, in one line, and exits 1', async () => {
    const { child, lines } = run(await embeddedEnv(dataDir, { ORDERS_PORT: String(port) }));
    expect(await exitOf(child)).toBe(1);
    const fatal = lines.filter((line) => line.level === 'fatal' || line.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ port, variable: 'ORDERS_PORT' });
    expect(String(fatal[0]!.msg)).toContain(`Port ${port} is already in use`);
    expect(String(fatal[0]!.msg)).toContain('ORDERS_PORT=<port> npm start');
    expect(JSON.stringify(fatal[0])).not.toContain('EADDRINUSE');
  }, 150_000);
});

describe('the mode npm start announces', () => {
  it('is the embedded default only when both the database and the events are embedded', () => {
    expect(describeMode({ embeddedDataDir: '/data', redis: false }).summary).toContain('embedded default');
    const postgresOnly = describeMode({ redis: false });
    expect(postgresOnly.summary).not.toContain('embedded');
    expect(postgresOnly.summary).toContain('your Postgres with the in-process event bus');
    expect(postgresOnly.database).toBe('your Postgres (DATABASE_URL)');
    expect(describeMode({ redis: true }).summary).toBe('on your Postgres and Redis');
    expect(describeMode({ embeddedDataDir: '/data', redis: true }).summary).toContain('with your Redis');
  });
});
