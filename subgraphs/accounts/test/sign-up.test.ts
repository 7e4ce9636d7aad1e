import { faker } from '@faker-js/faker';
import { PASSWORD, SIGN_UP, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  faker.seed(4001);
  h = await startHarness({ adminEmail: '  Boss@Example.COM ' });
});
afterAll(() => h.close());

const person = () => ({ email: faker.internet.email(), password: PASSWORD, name: faker.person.fullName() });

describe('signing up', () => {
  // First in the file: the database has no account yet.
  it('makes exactly one of several concurrent first sign-ups ADMIN, the rest CUSTOMER', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => h.run(SIGN_UP, { input: person() })));
    for (const result of results) expect(result.errors).toBeUndefined();
    const roles = results.map((result) => result.data?.signUp.user.role).sort();
    expect(roles).toEqual(['ADMIN', 'CUSTOMER', 'CUSTOMER', 'CUSTOMER', 'CUSTOMER', 'CUSTOMER']);
  });

  it('makes a later sign-up CUSTOMER and returns a session with the stored, normalised email', async () => {
    const input = person();
    const result = await h.run(SIGN_UP, { input: { ...input, email: `  ${input.email.toUpperCase()} `, name: ` ${input.name} ` } });
    expect(result.errors).toBeUndefined();
    const payload = result.data?.signUp;
    expect(payload.user).toMatchObject({ email: input.email.toLowerCase(), name: input.name, role: 'CUSTOMER' });
    expect(payload.accessToken).toEqual(expect.any(String));
    expect(payload.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expiresIn = Date.parse(payload.accessTokenExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);
    expect(await h.tokens.verify(payload.accessToken)).toMatchObject({ userId: payload.user.id, role: 'CUSTOMER' });
  });

  it('stores an argon2id hash and the refresh token only as its SHA-256', async () => {
    const result = await h.run(SIGN_UP, { input: person() });
    const { user, refreshToken } = result.data?.signUp;
    const row = await h.prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { refreshTokens: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(row.refreshTokens).toHaveLength(1);
    expect(row.refreshTokens[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.refreshTokens[0]?.tokenHash).not.toContain(refreshToken);
    const ttl = row.refreshTokens[0]!.expiresAt.getTime() - row.refreshTokens[0]!.createdAt.getTime();
    expect(ttl).toBe(30 * 24 * 60 * 60 * 1000);
  });

  it('makes the account with BODEGA_ADMIN_EMAIL ADMIN, whatever its case', async () => {
    const result = await h.run(SIGN_UP, { input: { ...person(), email: 'boss@EXAMPLE.com' } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.signUp.user).toMatchObject({ email: 'boss@example.com', role: 'ADMIN' });
  });

  it('refuses an email that is taken, also in another case, as CONFLICT', async () => {
    const input = person();
    expect((await h.run(SIGN_UP, { input })).errors).toBeUndefined();
    for (const email of [input.email, input.email.toUpperCase(), ` ${input.email} `]) {
      const result = await h.run(SIGN_UP, { input: { ...person(), email } });
      expect(result.errors?.[0]).toMatchObject({
        message: 'An account with this email already exists.',
        extensions: { code: 'CONFLICT' },
      });
    }
    expect(await h.prisma.user.count({ where: { email: input.email.toLowerCase() } })).toBe(1);
  });

  it.each([
    [{ email: 'not-an-email' }, 'input.email'],
    [{ email: '' }, 'input.email'],
    [{ password: 'short1!' }, 'input.password'],
    [{ password: 'onlyletterslong' }, 'input.password'],
    [{ password: '12345678901234' }, 'input.password'],
    [{ password: 'x'.repeat(201) + '1' }, 'input.password'],
    [{ name: '   ' }, 'input.name'],
    [{ name: 'n'.repeat(101) }, 'input.name'],
  ])('rejects %j as BAD_USER_INPUT naming %s, and creates nothing', async (change, field) => {
    const before = await h.prisma.user.count();
    const result = await h.run(SIGN_UP, { input: { ...person(), ...change } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    // The message is for people: no `input.` path in it (the field is in extensions.field).
    expect(result.errors?.[0]?.message).not.toContain('input.');
    expect(result.errors?.[0]?.message).toMatch(/^[A-Z].*\.$/);
    expect(await h.prisma.user.count()).toBe(before);
  });

  it('states the password rule in the error', async () => {
    const result = await h.run(SIGN_UP, { input: { ...person(), password: 'aaaaaaaaaaaa' } });
    expect(result.errors?.[0]?.message).toBe(
      'Use at least 10 characters, with at least two of: letters, digits, other characters.',
    );
  });
});
