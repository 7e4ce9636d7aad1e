import { CLIENT_IP_HEADER } from '@bodega/auth';
import { DEFAULT_SIGN_UP_LIMITS } from '@bodega/accounts';
import { faker } from '@faker-js/faker';
import { postFrom } from '@bodega/testing/addresses';
import { signedAsGateway } from '@bodega/testing/auth';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';

// Every request comes from its own loopback address (127.0.0.x), so the gateway sees real,
// distinct client addresses. The limits are the shipped defaults.
let stack: Stack;
let owner: { email: string; password: string };
const OWNER_HOME = '127.0.0.2';
beforeAll(async () => {
  faker.seed(1204);
  stack = await startStack({ signUpLimits: DEFAULT_SIGN_UP_LIMITS });
  owner = { email: faker.internet.email().toLowerCase(), password: 'correct horse battery 9' };
  const signedUp = await postFrom(OWNER_HOME, stack.gateway.url, contractOperation('SignUp'), { input: { ...owner, name: 'Owner' } });
  expect(signedUp.body.errors).toBeUndefined();
});
afterAll(() => stack.close());

const LOG_IN = contractOperation('LogIn');
const logIn = (from: string, password: string, email = owner.email, headers: Record<string, string> = {}) =>
  postFrom(from, stack.gateway.url, LOG_IN, { email, password }, headers);
const codeOf = (response: { body: { errors?: Array<{ extensions?: Record<string, any> }> } }) => response.body.errors?.[0]?.extensions?.code;

describe('log-in limits through the gateway', () => {
  it("do not let a stranger's failures from one address keep the owner out at another", async () => {
    const attacker = '127.0.0.10';
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(codeOf(await logIn(attacker, `guess number ${i} 1A!`)));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    // Even the right password is refused to the attacker's address…
    const refused = await logIn(attacker, owner.password);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    // …while the owner, from another address, logs in.
    const home = await logIn('127.0.0.11', owner.password);
    expect(home.body.errors).toBeUndefined();
    expect(home.body.data?.logIn.user.email).toBe(owner.email);
  });

  it('count the address the gateway saw, whatever x-client-ip a client sends it', async () => {
    const attacker = '127.0.0.12';
    const victim = '127.0.0.13';
    for (let i = 0; i < 6; i++) await logIn(attacker, `guess number ${i} 1A!`, owner.email, { [CLIENT_IP_HEADER]: victim, 'x-forwarded-for': victim });
    expect(codeOf(await logIn(attacker, owner.password, owner.email, { [CLIENT_IP_HEADER]: '127.0.0.99' }))).toBe('RATE_LIMITED');
    expect((await logIn(victim, owner.password)).body.errors).toBeUndefined();
  });

  it('are not moved by a forged x-client-ip sent straight to the accounts subgraph', async () => {
    const victim = '127.0.0.14';
    const body = (password: string) => JSON.stringify({ query: LOG_IN, variables: { email: owner.email, password } });
    // Unsigned: refused before anything is counted.
    for (let i = 0; i < 6; i++) {
      const response = await fetch(stack.accounts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: victim },
        body: body(`forged ${i} 1A!`),
      });
      expect(response.status).toBe(403);
    }
    // A gateway signature made for another address does not cover this one.
    for (let i = 0; i < 6; i++) {
      const request = body(`replayed ${i} 1A!`);
      const headers = { ...signedAsGateway(stack.accounts.url, request, { [CLIENT_IP_HEADER]: '127.0.0.15' }), [CLIENT_IP_HEADER]: victim };
      expect((await fetch(stack.accounts.url, { method: 'POST', headers, body: request })).status).toBe(403);
    }
    expect((await logIn(victim, owner.password)).body.errors).toBeUndefined();
  });
});

describe('sign-up limits through the gateway', () => {
  const signUpFrom = (from: string) =>
    postFrom(from, stack.gateway.url, contractOperation('SignUp'), {
      input: { email: faker.internet.email().toLowerCase(), password: 'correct horse battery 9', name: faker.person.fullName() },
    });

  it('refuse the 11th sign-up from one address within 15 minutes with RATE_LIMITED and retryAfter, not another address', async () => {
    const busy = '127.0.0.20';
    for (let i = 0; i < 10; i++) expect((await signUpFrom(busy)).body.errors).toBeUndefined();
    const before = await stack.prisma.user.count();
    const refused = await signUpFrom(busy);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Too many attempts; try again in \d+ s\.$/),
      extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) },
    });
    expect(refused.body.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(800);
    expect(await stack.prisma.user.count()).toBe(before);
    expect((await signUpFrom('127.0.0.21')).body.errors).toBeUndefined();
  });
});
