import { InternalSigner, SIGNATURE_HEADER } from '@bodega/auth';
import { SUBGRAPH_NAMES } from '@bodega/config';
import { faker } from '@faker-js/faker';
import { bearer, gatewayConnectionParams, signedAsGateway, TEST_SERVICE_SECRET } from '@bodega/testing/auth';
import { rawSocket } from '@bodega/testing/raw-ws';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';

let stack: Stack;
let customer: { id: string; email: string };
beforeAll(async () => {
  faker.seed(1207);
  stack = await startStack();
  for (const name of ['Admin', 'Customer']) {
    const input = { email: faker.internet.email().toLowerCase(), password: 'correct horse battery 9', name };
    const response = await stack.request<{ signUp: { user: { id: string; email: string } } }>(contractOperation('SignUp'), { input }, { authorization: '' });
    customer = response.body.data!.signUp.user;
  }
});
afterAll(() => stack.close());

const ENTITIES = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id email name role } } }';
const subgraphs = () => [
  ['accounts', stack.accounts.url, ENTITIES, () => ({ reps: [{ __typename: 'User', id: customer.id }] })],
  ['products', stack.products.url, 'query { products(first: 1) { totalCount } }', () => ({})],
  ['orders', stack.orders.url, 'query { orders(first: 1) { totalCount } }', () => ({})],
  ['rag', stack.rag.url, 'query { documents(first: 1) { totalCount } }', () => ({})],
  ['chat', stack.chat.url, 'query { conversations(first: 1) { totalCount } }', () => ({})],
] as const;

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

describe('subgraphs reached directly', () => {
  it.each(['accounts', 'products', 'orders', 'rag', 'chat'])('%s refuses a request without the gateway\'s signature with 403 FORBIDDEN and no data', async (name) => {
    const [, url, query, variables] = subgraphs().find(([subgraph]) => subgraph === name)!;
    const response = await post(url, JSON.stringify({ query, variables: variables() }), { 'content-type': 'application/json', authorization: await bearer('ADMIN') });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toEqual({
      errors: [{ message: expect.stringContaining('send your request to the gateway'), extensions: { code: 'FORBIDDEN' } }],
    });
    expect(response.text).not.toContain(customer.email);
  });

  it("answer accounts' _entities only to the gateway, not to a stranger who names a user", async () => {
    const body = JSON.stringify({ query: ENTITIES, variables: { reps: [{ __typename: 'User', id: customer.id }] } });
    const signed = await post(stack.accounts.url, body, signedAsGateway(stack.accounts.url, body));
    expect(JSON.parse(signed.text).data._entities[0].email).toBe(customer.email);
    const stranger = await post(stack.accounts.url, body, { 'content-type': 'application/json' });
    expect([stranger.status, stranger.text.includes(customer.email)]).toEqual([403, false]);
  });

  it('refuse a signature replayed for another request, or made with another secret, or too old', async () => {
    const url = stack.products.url;
    const body = JSON.stringify({ query: 'query { products(first: 1) { totalCount } }' });
    const other = JSON.stringify({ query: 'query { products(first: 100) { totalCount } }' });
    const replayed = { ...signedAsGateway(url, body), 'content-type': 'application/json' };
    expect((await post(url, other, replayed)).status).toBe(403);
    const foreign = signedAsGateway(url, body, {}, new InternalSigner('not-this-deployments-secret-0123456789', 'gateway'));
    expect((await post(url, body, foreign)).status).toBe(403);
    const { pathname } = new URL(url);
    const stale = new InternalSigner(TEST_SERVICE_SECRET, 'gateway').sign({ kind: 'http', method: 'POST', target: pathname, body }, Date.now() - 120_000);
    expect((await post(url, body, { 'content-type': 'application/json', [SIGNATURE_HEADER]: stale })).status).toBe(403);
    expect((await post(url, body, signedAsGateway(url, body))).status).toBe(200);
  });

  it.each(['products', 'orders', 'rag'] as const)('%s closes a WebSocket whose connection_init is not signed with 4403', async (name) => {
    const url = stack[name].url;
    const socket = await rawSocket(url);
    socket.send({ type: 'connection_init', payload: { authorization: await bearer('STAFF') } });
    expect((await socket.closed).code).toBe(4403);
    const signed = await rawSocket(url);
    await signed.init(gatewayConnectionParams(url, { authorization: await bearer('STAFF') }));
    await signed.close();
  });

  it('still answer the gateway: /ready finds every subgraph up', async () => {
    const response = await fetch(new URL('/ready', stack.gateway.url));
    const ready = (await response.json()) as { dependencies: Record<string, { ok: boolean }> };
    expect(response.status).toBe(200);
    expect(Object.keys(ready.dependencies).filter((name) => name.startsWith('subgraph:') && ready.dependencies[name]!.ok)).toHaveLength(SUBGRAPH_NAMES.length);
  });
});

describe('service credentials', () => {
  const RELEASE = 'mutation { releaseStock(orderId: "00000000-0000-4000-8000-000000000000") { status } }';

  it('are not a user token: the gateway treats an orders signature sent as a bearer token as a bad token', async () => {
    const body = JSON.stringify({ query: RELEASE });
    const signature = signedAsGateway(stack.products.url, body, {}, new InternalSigner(TEST_SERVICE_SECRET, 'orders'))[SIGNATURE_HEADER]!;
    const asBearer = await stack.request(contractOperation('Me'), {}, { authorization: `Bearer ${signature}` });
    expect([asBearer.status, asBearer.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const asHeader = await stack.request(contractOperation('Me'), {}, { authorization: '', [SIGNATURE_HEADER]: signature });
    expect(asHeader.body).toEqual({ data: { me: null } });
  });

  it("let orders take and return stock, which the gateway's own signature cannot", async () => {
    const body = JSON.stringify({ query: RELEASE });
    const asOrders = await post(stack.products.url, body, signedAsGateway(stack.products.url, body, {}, new InternalSigner(TEST_SERVICE_SECRET, 'orders')));
    expect(JSON.parse(asOrders.text).data.releaseStock.status).toBe('RELEASED');
    const asGateway = await post(stack.products.url, body, signedAsGateway(stack.products.url, body, { authorization: await bearer('ADMIN') }));
    expect(JSON.parse(asGateway.text).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
