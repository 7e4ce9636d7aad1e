import { faker } from '@faker-js/faker';
import { createContext } from '../src/context';
import { PASSWORD, REFRESH, SIGN_UP, startHarness, type Harness } from './harness';

const USERS = `query ($first: Int, $after: String) {
  users(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id email role } } }
}`;
const SET_ROLE = `mutation ($userId: ID!, $role: Role!) { setUserRole(userId: $userId, role: $role) { id role } }`;

let h: Harness;
type Account = Awaited<ReturnType<typeof signUp>>;
let admin: Account;
let customer: Account;
const ids: string[] = [];

async function signUp() {
  const input = { email: faker.internet.email(), password: PASSWORD, name: faker.person.fullName() };
  const result = await h.run(SIGN_UP, { input });
  const payload = result.data?.signUp;
  ids.push(payload.user.id);
  return { token: payload.accessToken as string, id: payload.user.id as string, refreshToken: payload.refreshToken as string };
}

beforeAll(async () => {
  faker.seed(4003);
  h = await startHarness();
  admin = await signUp(); // the first account
  customer = await signUp();
  for (let i = 0; i < 3; i++) await signUp();
});
afterAll(() => h.close());

describe('listing users', () => {
  it('pages through every account, oldest first, for an ADMIN', async () => {
    const first = await h.run(USERS, { first: 3 }, { token: admin.token });
    expect(first.errors).toBeUndefined();
    expect(first.data?.users.totalCount).toBe(5);
    expect(first.data?.users.pageInfo.hasNextPage).toBe(true);
    const second = await h.run(USERS, { first: 3, after: first.data?.users.pageInfo.endCursor }, { token: admin.token });
    expect(second.data?.users.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    const seen = [...first.data?.users.edges, ...second.data?.users.edges].map((edge: { node: { id: string } }) => edge.node.id);
    expect(seen).toEqual(ids.slice(0, 5));
    expect(first.data?.users.edges[0].node.role).toBe('ADMIN');
  });

  it('refuses a cursor it did not make and a page size out of range, naming the argument', async () => {
    const bad = await h.run(USERS, { after: 'garbage' }, { token: admin.token });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const big = await h.run(USERS, { first: 101 }, { token: admin.token });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('is UNAUTHENTICATED without a token and FORBIDDEN for a CUSTOMER', async () => {
    const anonymous = await h.run(USERS, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forbidden = await h.run(USERS, {}, { token: customer.token });
    expect(forbidden.errors?.[0]).toMatchObject({
      message: 'Only ADMIN may list users; you are CUSTOMER.',
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('changing roles', () => {
  it('lets an ADMIN make a customer STAFF; the next refresh carries the new role', async () => {
    const target = await signUp();
    const result = await h.run(SET_ROLE, { userId: target.id, role: 'STAFF' }, { token: admin.token });
    expect(result).toEqual({ data: { setUserRole: { id: target.id, role: 'STAFF' } } });
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe('STAFF');
    const refreshed = await h.run(REFRESH, { refreshToken: target.refreshToken });
    expect(await h.tokens.verify(refreshed.data?.refreshSession.accessToken)).toMatchObject({ userId: target.id, role: 'STAFF' });
  });

  it('is UNAUTHENTICATED without a token and FORBIDDEN for a CUSTOMER, changing nothing', async () => {
    const anonymous = await h.run(SET_ROLE, { userId: customer.id, role: 'ADMIN' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const self = await h.run(SET_ROLE, { userId: customer.id, role: 'ADMIN' }, { token: customer.token });
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: customer.id } })).role).toBe('CUSTOMER');
  });

  it('is NOT_FOUND for an unknown user and BAD_USER_INPUT for a malformed id', async () => {
    const missing = await h.run(SET_ROLE, { userId: '00000000-0000-4000-8000-000000000000', role: 'STAFF' }, { token: admin.token });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await h.run(SET_ROLE, { userId: 'bob', role: 'STAFF' }, { token: admin.token });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
  });
});

describe('User entities', () => {
  it('resolves a batch of references in one query, null for unknown ids', async () => {
    const findMany = jest.spyOn(h.prisma.user, 'findMany');
    const result = await h.run('query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id role } } }', {
      r: [...ids.slice(0, 3).map((id) => ({ __typename: 'User', id })), { __typename: 'User', id: 'missing' }],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: ids[0], role: 'ADMIN' },
      { id: ids[1], role: 'CUSTOMER' },
      { id: ids[2], role: 'CUSTOMER' },
      null,
    ]);
    expect(findMany).toHaveBeenCalledTimes(1);
    findMany.mockRestore();
  });
});

describe('the last ADMIN', () => {
  it('cannot be demoted (CONFLICT), and can step down once another ADMIN exists', async () => {
    const alone = await h.run(SET_ROLE, { userId: admin.id, role: 'STAFF' }, { token: admin.token });
    expect(alone.errors?.[0]).toMatchObject({
      message: "This is the last ADMIN: make another user ADMIN before changing this one's role.",
      extensions: { code: 'CONFLICT' },
    });
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('ADMIN');
    const successor = await signUp();
    await h.run(SET_ROLE, { userId: successor.id, role: 'ADMIN' }, { token: admin.token });
    const successorToken = (await h.run(REFRESH, { refreshToken: successor.refreshToken })).data?.refreshSession.accessToken as string;
    const stepDown = await h.run(SET_ROLE, { userId: admin.id, role: 'STAFF' }, { token: admin.token });
    expect(stepDown.data?.setUserRole.role).toBe('STAFF');
    // Back as it was, for the next test (the admin's token states ADMIN again, so it stands again).
    await h.run(SET_ROLE, { userId: admin.id, role: 'ADMIN' }, { token: successorToken });
    expect((await h.run(SET_ROLE, { userId: successor.id, role: 'CUSTOMER' }, { token: admin.token })).errors).toBeUndefined();
  });

  it('survives two admins demoting each other at once: exactly one wins', async () => {
    const other = await signUp();
    await h.run(SET_ROLE, { userId: other.id, role: 'ADMIN' }, { token: admin.token });
    const otherToken = (await h.run(REFRESH, { refreshToken: other.refreshToken })).data?.refreshSession.accessToken as string;
    expect(await h.prisma.user.count({ where: { role: 'ADMIN' } })).toBe(2);
    // Both callers proven first, so the race is in the transaction, not in the token check.
    const contexts = await Promise.all(
      [admin.token, otherToken].map(async (token) => {
        return createContext(h.runtime, { requestId: 'race', log: h.runtime.log, authorization: `Bearer ${token}` });
      }),
    );
    const results = await Promise.all([
      h.apollo.executeOperation({ query: SET_ROLE, variables: { userId: other.id, role: 'CUSTOMER' } }, { contextValue: contexts[0]! }),
      h.apollo.executeOperation({ query: SET_ROLE, variables: { userId: admin.id, role: 'CUSTOMER' } }, { contextValue: contexts[1]! }),
    ]);
    const codes = results.map((result) => (result.body.kind === 'single' ? (result.body.singleResult.errors?.[0]?.extensions?.code ?? 'ok') : 'incremental'));
    expect(codes.sort()).toEqual(['CONFLICT', 'ok']);
    expect(await h.prisma.user.count({ where: { role: 'ADMIN' } })).toBe(1);
  });
});
