import { randomUUID } from 'node:crypto';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { checkedRequest, readJson } from './support/responses';

interface Created {
  createProduct: { id: string };
}

const ONE_MIB = 1024 * 1024;

let stack: Stack;
const send = checkedRequest(() => stack);

beforeAll(async () => {
  stack = await startStack({ redis: true });
});
afterAll(() => stack.close());

/** A plain-HTTP path of the gateway, next to /graphql. */
const at = (path: string, target: Stack = stack) => new URL(path, target.gateway.url).toString();

function createProbe(headers: Record<string, string> = {}) {
  return send<Created>(contractOperation('CreateProduct'), { input: { name: `Probe ${randomUUID()}`, stock: 1 } }, headers);
}

/** The products subgraph's log line for the product that request created. */
function productCreatedLine(productId: string | undefined) {
  return stack.logLines().find((line) => line.msg === 'product created' && line.productId === productId);
}

describe('request ids', () => {
  it('returns the x-request-id the client sent and logs the products subgraph work under it', async () => {
    const requestId = `http-test-${randomUUID()}`;
    const response = await createProbe({ 'x-request-id': requestId });

    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(productCreatedLine(response.body.data?.createProduct.id)).toMatchObject({ requestId });
  });

  it('makes a fresh id for a request without one, returns it and uses it in the subgraph', async () => {
    const first = await createProbe();
    const second = await createProbe();
    const firstId = first.headers.get('x-request-id');

    expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-request-id')).not.toBe(firstId);
    expect(productCreatedLine(first.body.data?.createProduct.id)).toMatchObject({ requestId: firstId });
  });

  it('replaces a request id that is not a plain token instead of logging it', async () => {
    const response = await createProbe({ 'x-request-id': 'not a token; drop table' });
    const returned = response.headers.get('x-request-id');

    expect(returned).toMatch(/^[0-9a-f-]{36}$/);
    expect(productCreatedLine(response.body.data?.createProduct.id)).toMatchObject({ requestId: returned });
  });
});

describe('health and readiness', () => {
  it('answers /health with 200 and status ok', async () => {
    const { status, body } = await readJson(await fetch(at('/health')));
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok' });
  });

  it('answers /ready with 200 naming postgres, redis and the products subgraph as ok', async () => {
    const { status, body } = await readJson(await fetch(at('/ready')));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ready',
      dependencies: { postgres: { ok: true }, redis: { ok: true }, 'subgraph:products': { ok: true } },
    });
  });
});

describe('readiness once the products subgraph is gone', () => {
  let broken: Stack;
  let productsClosed = false;
  beforeAll(async () => {
    broken = await startStack({ redis: true });
  });
  afterAll(async () => {
    if (!productsClosed) return broken.close();
    // What stack.close() does, minus the subgraph the test already closed.
    await broken.gateway.close();
    await broken.orders.close();
    await broken.accounts.close();
    await Promise.all([broken.prisma.$disconnect(), broken.events.close()]);
    await broken.db.drop();
  });

  it('answers /ready with 503 naming subgraph:products as not ok, the rest still ok', async () => {
    expect((await fetch(at('/ready', broken))).status).toBe(200);
    await broken.products.close();
    productsClosed = true;

    const { status, body } = await readJson(await fetch(at('/ready', broken)));
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'unavailable',
      dependencies: { postgres: { ok: true }, redis: { ok: true }, 'subgraph:products': { ok: false, error: expect.any(String) } },
    });
  });

  it('answers a query for the unreachable subgraph with SERVICE_UNAVAILABLE naming it', async () => {
    expect(productsClosed).toBe(true);
    const response = await broken.request('{ products(first: 1) { totalCount } }');
    expect(response.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('products service cannot be reached'),
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'products' },
    });
  });
});

describe('request bodies', () => {
  const post = (body: string) =>
    fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('refuses a body over 1 MiB with 413 and a readable BAD_USER_INPUT, then serves the next request', async () => {
    const huge = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(ONE_MIB) } });
    const { status, body } = await readJson(await post(huge));

    expect(status).toBe(413);
    expect(body).toEqual({
      errors: [{ message: expect.stringMatching(/larger than 1048576 bytes/), extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect((await send('{ __typename }')).body.data).toEqual({ __typename: 'Query' });
  });

  it('accepts a body just under 1 MiB', async () => {
    const query = `{ __typename } # ${'x'.repeat(ONE_MIB - 100)}`;
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers a body that is not JSON with 400 BAD_USER_INPUT', async () => {
    const { status, body } = await readJson(await post('{"query": "{ __typename }"'));
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('names the missing query as BAD_USER_INPUT when the JSON has none', async () => {
    const { status, body } = await readJson(await post('{}'));
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [{ message: expect.stringMatching(/body missing/), extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } }],
    });
  });
});
