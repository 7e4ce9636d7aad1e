import { randomUUID } from 'node:crypto';
import { AccessTokenSigner } from '@bodega/auth';
import { bearer, TEST_SIGNING_KEY, testSigningKey } from '@bodega/testing/auth';
import { contractOperation, postGraphQL, startStack, type Stack } from '@bodega/testing/stack';
import { rawSocket } from '@bodega/testing/raw-ws';

let stack: Stack;
let productId: string;
beforeAll(async () => {
  stack = await startStack();
  const created = await stack.request(contractOperation('CreateProduct'), { input: { name: 'Guarded kettle', stock: 5 } });
  productId = created.body.data!.createProduct.id;
});
afterAll(() => stack.close());

const SELL = contractOperation('SellProduct');
const anAdmin = () => ({ id: randomUUID(), role: 'ADMIN' as const, sessionId: randomUUID() });
const asUser = (authorization: string) => ({ authorization });
const anonymous = { authorization: '' };

/** A token the gateway would accept but for one changed character in its payload. */
function tamper(authorization: string): string {
  const [header, payload, signature] = authorization.replace('Bearer ', '').split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url');
  return `Bearer ${header}.${forged}.${signature}`;
}

describe('roles on product writes', () => {
  it('refuses an anonymous sale with UNAUTHENTICATED', async () => {
    const response = await stack.request(SELL, { id: productId, quantity: 1 }, anonymous);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', serviceName: 'products' });
  });

  it('refuses a customer with FORBIDDEN and lets staff sell', async () => {
    const customer = await stack.request(SELL, { id: productId, quantity: 1 }, asUser(await bearer('CUSTOMER')));
    expect(customer.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('STAFF or ADMIN'),
      extensions: { code: 'FORBIDDEN' },
    });
    const staff = await stack.request(SELL, { id: productId, quantity: 1 }, asUser(await bearer('STAFF')));
    expect(staff.body.data?.sellProduct.stock).toBe(4);
  });

  it('lets anyone read the catalogue', async () => {
    const response = await stack.request(contractOperation('Products'), { first: 5 }, anonymous);
    expect(response.body.errors).toBeUndefined();
  });
});

describe('tokens the gateway refuses', () => {
  it.each([
    ['tampered with', async () => tamper(await bearer('CUSTOMER'))],
    ['signed with another key', async () => `Bearer ${(await (await AccessTokenSigner.create([testSigningKey()])).issue(anAdmin())).token}`],
    ['expired', async () => `Bearer ${(await (await AccessTokenSigner.create([TEST_SIGNING_KEY], -60)).issue(anAdmin())).token}`],
    ['not a bearer token', async () => 'Basic YWRtaW46YWRtaW4='],
  ])('answers a token %s with 401 UNAUTHENTICATED and does nothing', async (_kind, make) => {
    const response = await stack.request(SELL, { id: productId, quantity: 1 }, asUser(await make()));
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stack.prisma.product.findUniqueOrThrow({ where: { id: productId } })).stock).toBe(4);
  });
});

describe('a subgraph reached directly', () => {
  it('answers nothing without the gateway\'s signature, whatever identity headers or token it is sent', async () => {
    const forgedHeaders = { authorization: '', 'x-user-id': 'someone', 'x-user-role': 'ADMIN', 'x-bodega-identity': 'ADMIN' };
    const direct = await postGraphQL(stack.products.url, SELL, { id: productId, quantity: 1 }, forgedHeaders);
    expect(direct.status).toBe(403);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const withToken = await postGraphQL(stack.products.url, SELL, { id: productId, quantity: 1 }, { authorization: await bearer('STAFF') });
    expect(withToken.status).toBe(403);
    expect((await stack.prisma.product.findUniqueOrThrow({ where: { id: productId } })).stock).toBe(4);
  });
});

describe('subscriptions', () => {
  const LOW_STOCK = contractOperation('LowStockAlerts');

  async function subscribeWith(init: Record<string, unknown>) {
    const socket = await rawSocket(stack.gateway.url);
    await socket.init(init);
    socket.send({ id: '1', type: 'subscribe', payload: { query: LOW_STOCK } });
    return socket;
  }

  it('refuses low-stock alerts to an anonymous subscriber (UNAUTHENTICATED) and to a customer (FORBIDDEN)', async () => {
    for (const [init, code] of [
      [{}, 'UNAUTHENTICATED'],
      [{ authorization: await bearer('CUSTOMER') }, 'FORBIDDEN'],
    ] as const) {
      const socket = await subscribeWith(init);
      const refusal = await socket.next((message) => message.id === '1');
      expect(JSON.stringify(refusal.payload)).toContain(code);
      await socket.close();
    }
  });

  it('closes a connection whose connection_init carries a bad token with 4403', async () => {
    const socket = await rawSocket(stack.gateway.url);
    socket.send({ type: 'connection_init', payload: { authorization: tamper(await bearer('STAFF')) } });
    expect((await socket.closed).code).toBe(4403);
  });

  it('delivers low-stock alerts to staff', async () => {
    await stack.request(contractOperation('RestockProduct'), { id: productId, quantity: 8 });
    const socket = await subscribeWith({ authorization: await bearer('STAFF') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.request(SELL, { id: productId, quantity: 3 });
    const alert = await socket.next((message) => message.id === '1' && message.type === 'next');
    expect(alert.payload).toMatchObject({ data: { lowStockAlert: { stock: 9, threshold: 10, product: { id: productId } } } });
    await socket.close();
  });
});
