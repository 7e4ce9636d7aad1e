import { faker } from '@faker-js/faker';
import { randomUUID } from 'node:crypto';
import { AccessTokenSigner } from '@bodega/auth';
import { FOREIGN_SIGNING_KEY, HARNESS_SIGNING_KEY, LOG_IN, LOG_OUT, ME, PASSWORD, REFRESH, SIGN_UP, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  faker.seed(4002);
  h = await startHarness();
});
afterAll(() => h.close());

async function signUp() {
  const input = { email: faker.internet.email(), password: PASSWORD, name: faker.person.fullName() };
  const result = await h.run(SIGN_UP, { input });
  expect(result.errors).toBeUndefined();
  return { input, payload: result.data?.signUp as { accessToken: string; refreshToken: string; user: { id: string } } };
}

const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;

describe('logging in', () => {
  it('returns a new session for the right password, whatever the email case', async () => {
    const { input, payload } = await signUp();
    const result = await h.run(LOG_IN, { email: ` ${input.email.toUpperCase()}`, password: PASSWORD });
    expect(result.errors).toBeUndefined();
    expect(result.data?.logIn.user).toEqual({ id: payload.user.id, email: input.email.toLowerCase(), role: expect.any(String) });
    expect(result.data?.logIn.refreshToken).not.toBe(payload.refreshToken);
    const families = await h.prisma.refreshToken.groupBy({ by: ['familyId'], where: { userId: payload.user.id } });
    expect(families).toHaveLength(2); // one per sign-in
  });

  it('gives a wrong password and an unknown email the same UNAUTHENTICATED error', async () => {
    const { input } = await signUp();
    const wrongPassword = await h.run(LOG_IN, { email: input.email, password: `${PASSWORD}!` });
    const unknownEmail = await h.run(LOG_IN, { email: `nobody.${input.email}`, password: PASSWORD });
    expect(wrongPassword.errors).toEqual(unknownEmail.errors);
    expect(wrongPassword.errors?.[0]).toMatchObject({ message: 'Wrong email or password.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(wrongPassword.data).toBeNull();
  });

  it('spends about as long on an unknown email as on a wrong password', async () => {
    const { input } = await signUp();
    const time = async (email: string) => {
      const started = process.hrtime.bigint();
      await h.run(LOG_IN, { email, password: 'wrong password 1' }, { clientIp: '10.9.9.9' });
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await time(`warm.${input.email}`); // the dummy hash is made on first use
    const fastest = async (email: string) => Math.min(await time(email), await time(email), await time(email));
    const known = await fastest(input.email);
    const unknown = await fastest(`ghost.${input.email}`);
    // Both run one argon2 verification (~30 ms); without it an unknown email would answer in ~1 ms.
    // A tenth leaves room for a loaded machine while still telling the two apart.
    expect(unknown).toBeGreaterThan(known / 10);
  });
});

describe('refreshing a session', () => {
  it('rotates the refresh token: the new one works, the old one no longer does', async () => {
    const { payload } = await signUp();
    const first = await h.run(REFRESH, { refreshToken: payload.refreshToken });
    expect(first.errors).toBeUndefined();
    const next = first.data?.refreshSession;
    expect(next.refreshToken).not.toBe(payload.refreshToken);
    expect(await h.tokens.verify(next.accessToken)).toMatchObject({ userId: payload.user.id });
    const second = await h.run(REFRESH, { refreshToken: next.refreshToken });
    expect(second.errors).toBeUndefined();
  });

  it('revokes the whole family when a rotated token is used again', async () => {
    const { payload } = await signUp();
    const rotated = await h.run(REFRESH, { refreshToken: payload.refreshToken });
    const successor = rotated.data?.refreshSession.refreshToken;

    const reuse = await h.run(REFRESH, { refreshToken: payload.refreshToken });
    expect(reuse.errors?.[0]).toMatchObject({
      message: 'This refresh token was already used; sign in again.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const afterReuse = await h.run(REFRESH, { refreshToken: successor });
    expect(codeOf(afterReuse)).toBe('UNAUTHENTICATED');
    const live = await h.prisma.refreshToken.count({ where: { userId: payload.user.id, revokedAt: null } });
    expect(live).toBe(0);
  });

  it('lets only one of two concurrent refreshes with the same token through', async () => {
    const { payload } = await signUp();
    const results = await Promise.all([1, 2].map(() => h.run(REFRESH, { refreshToken: payload.refreshToken })));
    expect(results.filter((result) => result.errors === undefined)).toHaveLength(1);
  });

  it('refuses unknown and expired tokens', async () => {
    expect(codeOf(await h.run(REFRESH, { refreshToken: 'not-a-token' }))).toBe('UNAUTHENTICATED');
    const { payload } = await signUp();
    await h.prisma.refreshToken.updateMany({ where: { userId: payload.user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await h.run(REFRESH, { refreshToken: payload.refreshToken });
    expect(expired.errors?.[0]).toMatchObject({ message: 'This session has expired; sign in again.', extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('logging out', () => {
  it('ends the session: its refresh token and the family’s later ones fail', async () => {
    const { payload } = await signUp();
    const rotated = await h.run(REFRESH, { refreshToken: payload.refreshToken });
    const current = rotated.data?.refreshSession.refreshToken;
    const result = await h.run(LOG_OUT, { refreshToken: current });
    expect(result).toEqual({ data: { logOut: true } });
    expect(codeOf(await h.run(REFRESH, { refreshToken: current }))).toBe('UNAUTHENTICATED');
  });

  it('answers true for an unknown token too, revealing nothing', async () => {
    expect(await h.run(LOG_OUT, { refreshToken: 'never-issued' })).toEqual({ data: { logOut: true } });
  });

  it('leaves the user’s other sessions alone', async () => {
    const { input, payload } = await signUp();
    const other = await h.run(LOG_IN, { email: input.email, password: PASSWORD });
    await h.run(LOG_OUT, { refreshToken: payload.refreshToken });
    expect((await h.run(REFRESH, { refreshToken: other.data?.logIn.refreshToken })).errors).toBeUndefined();
  });
});

describe('me', () => {
  it('is the caller with a valid access token', async () => {
    const { input, payload } = await signUp();
    const result = await h.run(ME, {}, { token: payload.accessToken });
    expect(result.data?.me).toMatchObject({ id: payload.user.id, email: input.email.toLowerCase(), name: input.name });
  });

  it('is null without a token', async () => {
    expect(await h.run(ME)).toEqual({ data: { me: null } });
  });

  it('is UNAUTHENTICATED with an expired token', async () => {
    const { payload } = await signUp();
    const expired = await (await AccessTokenSigner.create([HARNESS_SIGNING_KEY], -1)).issue({ id: payload.user.id, role: 'CUSTOMER', sessionId: randomUUID() });
    const result = await h.run(ME, {}, { token: expired.token });
    expect(result.errors?.[0]).toMatchObject({
      message: 'The access token has expired; refresh the session.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('is UNAUTHENTICATED with a tampered token or one signed with another key', async () => {
    const { payload } = await signUp();
    const [header, body, signature] = payload.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url');
    const forged = await (await AccessTokenSigner.create([FOREIGN_SIGNING_KEY])).issue({ id: payload.user.id, role: 'ADMIN', sessionId: randomUUID() });
    for (const token of [`${header}.${promoted}.${signature}`, forged.token]) {
      const result = await h.run(ME, {}, { token });
      expect(result.errors?.[0]).toMatchObject({ message: 'The access token is invalid; sign in again.', extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('does not let a stale access token block a refresh', async () => {
    const { payload } = await signUp();
    const expired = await (await AccessTokenSigner.create([HARNESS_SIGNING_KEY], -1)).issue({ id: payload.user.id, role: 'CUSTOMER', sessionId: randomUUID() });
    const result = await h.run(REFRESH, { refreshToken: payload.refreshToken }, { token: expired.token });
    expect(result.errors).toBeUndefined();
  });
});
