import { randomUUID } from 'node:crypto';
import { faker } from '@faker-js/faker';
import { signedAsGateway, testSigner } from '@bodega/testing/auth';
import { rawSocket } from '@bodega/testing/raw-ws';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { eventually } from '@bodega/testing/wait';

let stack: Stack;
let admin: Person;
beforeAll(async () => {
  faker.seed(1203);
  // Standing is refreshed every 300 ms here (30 s by default), for the change made behind accounts' back.
  stack = await startStack({ standingCache: { refreshMs: 300, gatherMs: 50 } });
  admin = await signUp();
  expect(admin.role).toBe('ADMIN');
});
afterAll(() => stack.close());

interface Person {
  id: string;
  email: string;
  password: string;
  role: string;
  authorization: string;
  refreshToken: string;
}

const anonymous = { authorization: '' };
const PASSWORD = 'correct horse battery 9';
const SET_ROLE = 'mutation ($userId: ID!, $role: Role!) { setUserRole(userId: $userId, role: $role) { id role } }';
const SELL = contractOperation('SellProduct');

async function signUp(): Promise<Person> {
  const input = { email: faker.internet.email().toLowerCase(), password: PASSWORD, name: faker.person.fullName() };
  const response = await stack.request<{ signUp: { accessToken: string; refreshToken: string; user: { id: string; role: string } } }>(
    contractOperation('SignUp'),
    { input },
    anonymous,
  );
  const payload = response.body.data!.signUp;
  return { id: payload.user.id, email: input.email, password: PASSWORD, role: payload.user.role, authorization: `Bearer ${payload.accessToken}`, refreshToken: payload.refreshToken };
}

async function logIn(person: Person): Promise<{ authorization: string; refreshToken: string }> {
  const response = await stack.request<{ logIn: { accessToken: string; refreshToken: string } }>(contractOperation('LogIn'), { email: person.email, password: person.password }, anonymous);
  return { authorization: `Bearer ${response.body.data!.logIn.accessToken}`, refreshToken: response.body.data!.logIn.refreshToken };
}

async function refresh(refreshToken: string): Promise<{ authorization: string; refreshToken: string }> {
  const response = await stack.request<{ refreshSession: { accessToken: string; refreshToken: string } }>(contractOperation('RefreshSession'), { refreshToken }, anonymous);
  return { authorization: `Bearer ${response.body.data!.refreshSession.accessToken}`, refreshToken: response.body.data!.refreshSession.refreshToken };
}

const setRole = (userId: string, role: string, authorization = admin.authorization) => stack.request<{ setUserRole: { role: string } }>(SET_ROLE, { userId, role }, { authorization });
const me = (authorization: string) => stack.request<{ me: { id: string; role: string } | null }>(contractOperation('Me'), {}, { authorization });
const codeOf = (response: { body: { errors?: Array<{ extensions?: Record<string, any> }> } }) => response.body.errors?.[0]?.extensions?.code;

/** The same request sent straight to each subgraph with the gateway's signature: each must refuse the token itself. */
async function subgraphCodes(authorization: string): Promise<Array<string | undefined>> {
  const calls = [
    { url: stack.accounts.url, query: 'query { me { id } }' },
    { url: stack.products.url, query: 'query { stockAlerts(first: 1) { edges { node { id } } } }' },
    { url: stack.orders.url, query: 'query { orders(first: 1) { totalCount } }' },
  ];
  return Promise.all(
    calls.map(async ({ url, query }) => {
      const body = JSON.stringify({ query });
      const response = await fetch(url, { method: 'POST', headers: signedAsGateway(url, body, { authorization }), body });
      const payload = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      return payload.errors?.[0]?.extensions?.code;
    }),
  );
}

async function product(stock = 100): Promise<string> {
  const response = await stack.request<{ createProduct: { id: string } }>(contractOperation('CreateProduct'), { input: { name: faker.commerce.productName(), stock } }, { authorization: admin.authorization });
  return response.body.data!.createProduct.id;
}

describe('log-out', () => {
  it("ends the session's access tokens at once, at the gateway and at every subgraph, and no other session's", async () => {
    const person = await signUp();
    const first = await logIn(person);
    const second = await logIn(person);
    expect((await me(first.authorization)).body.data?.me?.id).toBe(person.id);
    expect((await stack.request(contractOperation('LogOut'), { refreshToken: first.refreshToken }, anonymous)).body.data).toEqual({ logOut: true });
    const after = await me(first.authorization);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/session has ended/), extensions: { code: 'UNAUTHENTICATED' } });
    expect(await subgraphCodes(first.authorization)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect((await me(second.authorization)).body.data?.me?.id).toBe(person.id);
    expect((await me(person.authorization)).body.data?.me?.id).toBe(person.id);
  });

  it('by reuse of a rotated refresh token ends that session\'s access tokens too', async () => {
    const person = await signUp();
    const rotated = await refresh(person.refreshToken);
    expect((await me(rotated.authorization)).body.data?.me?.id).toBe(person.id);
    const reused = await stack.request(contractOperation('RefreshSession'), { refreshToken: person.refreshToken }, anonymous);
    expect(codeOf(reused)).toBe('UNAUTHENTICATED');
    expect(codeOf(await me(rotated.authorization))).toBe('UNAUTHENTICATED');
  });
});

describe('role changes', () => {
  it('take staff rights away at once: the old token is refused, the next refresh carries the new role', async () => {
    const id = await product();
    const person = await signUp();
    expect((await setRole(person.id, 'STAFF')).body.data?.setUserRole.role).toBe('STAFF');
    // The customer token no longer stands; refreshed, the token is a staff one.
    expect(codeOf(await me(person.authorization))).toBe('UNAUTHENTICATED');
    const staff = await refresh(person.refreshToken);
    expect(codeOf(await stack.request(SELL, { id, quantity: 1 }, { authorization: staff.authorization }))).toBeUndefined();

    expect((await setRole(person.id, 'CUSTOMER')).body.data?.setUserRole.role).toBe('CUSTOMER');
    const stale = await stack.request(SELL, { id, quantity: 1 }, { authorization: staff.authorization });
    expect(stale.status).toBe(401);
    expect(stale.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/role changed to CUSTOMER/), extensions: { code: 'UNAUTHENTICATED' } });
    expect(await subgraphCodes(staff.authorization)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    const customer = await refresh(staff.refreshToken);
    expect(codeOf(await stack.request(SELL, { id, quantity: 1 }, { authorization: customer.authorization }))).toBe('FORBIDDEN');
    expect((await stack.prisma.product.findUniqueOrThrow({ where: { id } })).stock).toBe(99);
  });

  it("close a demoted staff member's live subscription with 4403", async () => {
    const person = await signUp();
    await setRole(person.id, 'STAFF');
    const staff = await refresh(person.refreshToken);
    const socket = await rawSocket(stack.gateway.url);
    await socket.init({ authorization: staff.authorization });
    socket.send({ id: '1', type: 'subscribe', payload: { query: contractOperation('LowStockAlerts') } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await setRole(person.id, 'CUSTOMER');
    const closed = await Promise.race([socket.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 3000))]);
    expect(closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/role changed/) });
  });

  it('refuse to demote the last ADMIN with CONFLICT', async () => {
    const alone = await setRole(admin.id, 'STAFF');
    expect(alone.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/last ADMIN/), extensions: { code: 'CONFLICT' } });
    expect((await me(admin.authorization)).body.data?.me?.role).toBe('ADMIN');
  });

  it('let exactly one of two admins demoting each other at once succeed', async () => {
    const other = await signUp();
    await setRole(other.id, 'ADMIN');
    const otherAdmin = await refresh(other.refreshToken);
    const [mine, theirs] = await Promise.all([setRole(other.id, 'CUSTOMER'), setRole(admin.id, 'CUSTOMER', otherAdmin.authorization)]);
    // The loser is refused by the last-ADMIN check, or already by its own token, demoted a moment before.
    const outcomes = [codeOf(mine) ?? 'ok', codeOf(theirs) ?? 'ok'].sort();
    expect(outcomes).toEqual([expect.stringMatching(/^(CONFLICT|UNAUTHENTICATED)$/), 'ok']);
    expect(await stack.prisma.user.count({ where: { role: 'ADMIN' } })).toBe(1);
    // Put the first admin back in charge for the tests after this one.
    if (codeOf(theirs) === undefined) {
      const survivor = await refresh(otherAdmin.refreshToken);
      await setRole(admin.id, 'ADMIN', survivor.authorization);
      admin = { ...admin, ...(await logIn(admin)) };
    }
  });
});

describe('tokens whose user is gone', () => {
  it('refuses a validly signed token for a user id that does not exist, everywhere', async () => {
    const { token } = await (await testSigner()).issue({ id: randomUUID(), role: 'ADMIN', sessionId: randomUUID() });
    const authorization = `Bearer ${token}`;
    const id = await product(5);
    const response = await stack.request(SELL, { id, quantity: 1 }, { authorization });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/no longer exists/), extensions: { code: 'UNAUTHENTICATED' } });
    expect(await subgraphCodes(authorization)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect((await stack.prisma.product.findUniqueOrThrow({ where: { id } })).stock).toBe(5);
  });

  it('refuses the token of a user deleted behind accounts\' back within the refresh interval', async () => {
    const person = await signUp();
    expect((await me(person.authorization)).body.data?.me?.id).toBe(person.id);
    await stack.prisma.user.delete({ where: { id: person.id } });
    await eventually(async () => expect(codeOf(await me(person.authorization))).toBe('UNAUTHENTICATED'), 3000);
  });
});
