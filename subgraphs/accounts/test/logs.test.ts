import { faker } from '@faker-js/faker';
import { capturingLogger, LOG_IN, LOG_OUT, ME, PASSWORD, REFRESH, SIGN_UP, startHarness, type Harness } from './harness';

const { log, lines } = capturingLogger();
let h: Harness;
beforeAll(async () => {
  faker.seed(4005);
  h = await startHarness({ log });
});
afterAll(() => h.close());

describe('logs', () => {
  it('never carry a password, a password hash or a token, through sign-up, log-in, refresh and log-out', async () => {
    const email = faker.internet.email();
    const signedUp = await h.run(SIGN_UP, { input: { email, password: PASSWORD, name: faker.person.fullName() } });
    const loggedIn = await h.run(LOG_IN, { email, password: PASSWORD });
    const wrong = await h.run(LOG_IN, { email, password: 'a wrong password 7' });
    const refreshed = await h.run(REFRESH, { refreshToken: loggedIn.data?.logIn.refreshToken });
    const reused = await h.run(REFRESH, { refreshToken: loggedIn.data?.logIn.refreshToken });
    await h.run(ME, {}, { token: refreshed.data?.refreshSession.accessToken });
    await h.run(LOG_OUT, { refreshToken: signedUp.data?.signUp.refreshToken });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const user = await h.prisma.user.findUniqueOrThrow({ where: { email: email.toLowerCase() }, include: { refreshTokens: true } });
    const secrets = [
      PASSWORD,
      'a wrong password 7',
      user.passwordHash,
      signedUp.data?.signUp.accessToken,
      signedUp.data?.signUp.refreshToken,
      loggedIn.data?.logIn.accessToken,
      loggedIn.data?.logIn.refreshToken,
      refreshed.data?.refreshSession.accessToken,
      refreshed.data?.refreshSession.refreshToken,
      ...user.refreshTokens.map((token) => token.tokenHash),
    ];
    for (const secret of secrets) expect(typeof secret === 'string' && secret.length > 8).toBe(true);

    const output = lines.join('');
    expect(lines.length).toBeGreaterThan(3); // the flow was logged at all
    expect(output).toContain('"msg":"signed up"');
    for (const secret of secrets as string[]) expect(output).not.toContain(secret);
  });
});
