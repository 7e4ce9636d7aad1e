import { createHmac, randomUUID } from 'node:crypto';
import { AccessTokenSigner, JWKS_PATH, type SigningJwk } from '@bodega/auth';
import { faker } from '@faker-js/faker';
import { bearer, signedAsGateway, TEST_SIGNING_KEY, testSigningKey } from '@bodega/testing/auth';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { eventually } from '@bodega/testing/wait';

let stack: Stack;
let productId: string;
beforeAll(async () => {
  faker.seed(1201);
  stack = await startStack({ jwks: { maxAgeMs: 300, cooldownMs: 0 } });
  const created = await stack.request(contractOperation('CreateProduct'), { input: { name: 'Keyed kettle', stock: 50 } });
  productId = created.body.data!.createProduct.id;
});
afterAll(() => stack.close());

const anonymous = { authorization: '' };
const SELL = contractOperation('SellProduct');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A real ADMIN (signed up first), so nothing but the token's signature is wrong. */
let admin: { id: string; email: string; password: string };
beforeAll(async () => {
  const input = { email: faker.internet.email().toLowerCase(), password: 'correct horse battery 9', name: faker.person.fullName() };
  const response = await stack.request<{ signUp: { user: { id: string; role: string } } }>(contractOperation('SignUp'), { input }, anonymous);
  expect(response.body.data?.signUp.user.role).toBe('ADMIN');
  admin = { id: response.body.data!.signUp.user.id, email: input.email, password: input.password };
});

const claims = () => ({ sub: admin.id, role: 'ADMIN', sid: randomUUID(), jti: randomUUID(), iss: 'bodega', aud: 'bodega', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 });

/** Tokens for the real ADMIN that accounts did not sign. */
const forgeries: Array<[string, () => Promise<string>]> = [
  ['signed with another Ed25519 key', async () => (await (await AccessTokenSigner.create([testSigningKey()])).issue({ id: admin.id, role: 'ADMIN', sessionId: randomUUID() })).token],
  [
    "signed with another key under accounts' key id",
    async () => (await (await AccessTokenSigner.create([{ ...testSigningKey(), kid: TEST_SIGNING_KEY.kid }])).issue({ id: admin.id, role: 'ADMIN', sessionId: randomUUID() })).token,
  ],
  [
    "signed HS256 with accounts' public key as the secret",
    async () => {
      const unsigned = `${b64({ alg: 'HS256', typ: 'at+jwt', kid: TEST_SIGNING_KEY.kid })}.${b64(claims())}`;
      return `${unsigned}.${createHmac('sha256', Buffer.from(TEST_SIGNING_KEY.x, 'base64url')).update(unsigned).digest('base64url')}`;
    },
  ],
  ['unsigned (alg none)', async () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims())}.`],
];

describe('only accounts can mint an access token', () => {
  it.each(forgeries)('the gateway answers a token %s with 401 UNAUTHENTICATED', async (_kind, forge) => {
    const response = await stack.request(SELL, { id: productId, quantity: 1 }, { authorization: `Bearer ${await forge()}` });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each(forgeries)('every subgraph refuses a token %s, even sent with the gateway\'s signature', async (_kind, forge) => {
    const authorization = `Bearer ${await forge()}`;
    const calls = [
      { url: stack.accounts.url, query: 'query { users(first: 1) { totalCount } }' },
      { url: stack.products.url, query: SELL, variables: { id: productId, quantity: 1 } },
      { url: stack.orders.url, query: 'query { orders(first: 1) { totalCount } }' },
    ];
    for (const call of calls) {
      const body = JSON.stringify({ query: call.query, variables: call.variables });
      const response = await fetch(call.url, { method: 'POST', headers: signedAsGateway(call.url, body, { authorization }), body });
      const payload = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      expect([call.url, payload.errors?.[0]?.extensions?.code]).toEqual([call.url, 'UNAUTHENTICATED']);
      expect(payload.data ?? null).toBeNull();
    }
    expect((await stack.prisma.product.findUniqueOrThrow({ where: { id: productId } })).stock).toBe(50);
  });

  it('publishes the public key only, under its kid', async () => {
    const jwks = (await (await fetch(new URL(JWKS_PATH, stack.accounts.url))).json()) as { keys: SigningJwk[] };
    expect(jwks.keys.map((key) => [key.kid, key.kty, key.crv, key.x, 'd' in key])).toEqual([[TEST_SIGNING_KEY.kid, 'OKP', 'Ed25519', TEST_SIGNING_KEY.x, false]]);
  });
});

describe('rotating accounts\' signing key', () => {
  const SELL_ONE = { id: '', quantity: 1 };
  const logIn = async () => {
    const response = await stack.request<{ logIn: { accessToken: string } }>(contractOperation('LogIn'), { email: admin.email, password: admin.password }, anonymous);
    if (!response.body.data) throw new Error(JSON.stringify(response.body.errors));
    return `Bearer ${response.body.data.logIn.accessToken}`;
  };
  /**
   * Kept-alive connections to the stopped accounts process fail their next request (the
   * restart's, not the rotation's doing): wait until the gateway reaches the new one.
   */
  const reconnected = () =>
    eventually(async () => {
      const response = await stack.request(contractOperation('Me'), {}, anonymous);
      expect(response.body.errors).toBeUndefined();
      await fetch(new URL('/health', stack.accounts.url)).then((r) => r.text());
    });
  const kidOf = (authorization: string) => (JSON.parse(Buffer.from(authorization.slice(7).split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
  const works = async (authorization: string) => {
    const sold = await stack.request(SELL, { ...SELL_ONE, id: productId }, { authorization });
    const me = await stack.request<{ me: { id: string } }>(contractOperation('Me'), {}, { authorization });
    return [sold.body.errors?.[0]?.extensions?.code ?? 'ok', me.body.data?.me?.id === admin.id ? 'ok' : me.body.errors?.[0]?.extensions?.code];
  };

  it('keeps tokens of the old key working beside the new one, without restarting the gateway, until the old key is retired', async () => {
    const next = testSigningKey();
    const before = await logIn();
    expect(kidOf(before)).toBe(TEST_SIGNING_KEY.kid);
    expect(await works(before)).toEqual(['ok', 'ok']);

    // Two live keys: the new one signs, the old one still verifies.
    await stack.restartAccounts([next, TEST_SIGNING_KEY]);
    await reconnected();
    const after = await logIn();
    expect(kidOf(after)).toBe(next.kid);
    expect(await works(after)).toEqual(['ok', 'ok']);
    expect(await works(before)).toEqual(['ok', 'ok']);

    // The old key retired (in real life once its last tokens expired): only the new one stands,
    // once the gateway's JWKS answer has aged (here 300 ms) and been fetched again.
    await stack.restartAccounts([next]);
    await reconnected();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await works(after)).toEqual(['ok', 'ok']);
    await eventually(async () => expect(await works(before)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']));
    // A token of the old key it never saw before is refused as well.
    const fresh = await stack.request(SELL, { id: productId, quantity: 1 }, { authorization: await bearer('STAFF') });
    expect(fresh.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
