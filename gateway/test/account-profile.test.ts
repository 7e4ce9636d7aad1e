import { faker } from '@faker-js/faker';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';

let stack: Stack;
beforeAll(async () => {
  faker.seed(1717);
  stack = await startStack({ loginLimits: { perEmailAndAddress: { limit: 3, windowMs: 60_000 } } });
});
afterAll(() => stack.close());

const anonymous = { authorization: '' };
const as = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });
const person = () => ({ email: faker.internet.email().toLowerCase(), password: `${faker.internet.password({ length: 14 })}aA1!`, name: faker.person.fullName() });

const UPDATE_PROFILE = 'mutation UpdateMyProfile($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { id email name role } }';
const CHANGE_PASSWORD = 'mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) }';

async function signUp() {
  const who = person();
  const res = await stack.request(contractOperation('SignUp'), { input: who }, anonymous);
  expect(res.body.errors).toBeUndefined();
  return { ...who, ...res.body.data?.signUp };
}

async function logIn(email: string, password: string) {
  return stack.request(contractOperation('LogIn'), { email, password }, anonymous);
}

describe('updateMyProfile', () => {
  it('changes the signed-in user\'s name, trimmed, and Me shows it', async () => {
    const user = await signUp();
    const name = faker.person.fullName();
    const res = await stack.request(UPDATE_PROFILE, { input: { name: `  ${name} ` } }, as(user.accessToken));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.updateMyProfile).toMatchObject({ id: user.user.id, email: user.email, name });
    const me = await stack.request(contractOperation('Me'), {}, as(user.accessToken));
    expect(me.body.data?.me.name).toBe(name);
  });

  it('refuses an empty name with BAD_USER_INPUT on input.name, and anonymous callers with UNAUTHENTICATED', async () => {
    const user = await signUp();
    const empty = await stack.request(UPDATE_PROFILE, { input: { name: '   ' } }, as(user.accessToken));
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(empty.body.errors?.[0]?.message).toBe('Enter a name.');
    const anon = await stack.request(UPDATE_PROFILE, { input: { name: 'Ana' } }, anonymous);
    expect(anon.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const me = await stack.request(contractOperation('Me'), {}, as(user.accessToken));
    expect(me.body.data?.me.name).toBe(user.name);
  });
});

describe('changePassword', () => {
  it('a wrong current password is BAD_USER_INPUT on input.currentPassword in plain words, and nothing changes', async () => {
    const user = await signUp();
    const res = await stack.request(CHANGE_PASSWORD, { input: { currentPassword: 'not-it-at-all-9!', newPassword: 'a-brand-new-pass-42' } }, as(user.accessToken));
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.currentPassword' });
    expect(res.body.errors?.[0]?.message).toBe('Your current password is wrong.');
    expect((await logIn(user.email, user.password)).body.errors).toBeUndefined();
    expect((await logIn(user.email, 'a-brand-new-pass-42')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a new password follows the sign-up rules', async () => {
    const user = await signUp();
    const res = await stack.request(CHANGE_PASSWORD, { input: { currentPassword: user.password, newPassword: 'shortpass' } }, as(user.accessToken));
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.newPassword' });
    expect(res.body.errors?.[0]?.message).toMatch(/^Use at least 10 characters/);
    expect(res.body.errors?.[0]?.message).not.toContain('input.');
  });

  it('anonymous callers are UNAUTHENTICATED', async () => {
    const res = await stack.request(CHANGE_PASSWORD, { input: { currentPassword: 'whatever-1A!xx', newPassword: 'a-brand-new-pass-42' } }, anonymous);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('replaces the password and ends every other session, keeping the current one', async () => {
    const user = await signUp();
    const other = (await logIn(user.email, user.password)).body.data?.logIn;
    const newPassword = `${faker.internet.password({ length: 16 })}bB2!`;
    const res = await stack.request(CHANGE_PASSWORD, { input: { currentPassword: user.password, newPassword } }, as(user.accessToken));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.changePassword).toBe(true);

    expect((await logIn(user.email, user.password)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await logIn(user.email, newPassword)).body.errors).toBeUndefined();

    // The other session: its access token is refused and its refresh token is dead.
    const otherMe = await stack.request(contractOperation('Me'), {}, as(other.accessToken));
    expect(otherMe.status).toBe(401);
    expect(otherMe.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/session has ended/), extensions: { code: 'UNAUTHENTICATED' } });
    const otherRefresh = await stack.request(contractOperation('RefreshSession'), { refreshToken: other.refreshToken }, anonymous);
    expect(otherRefresh.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // The session that made the change goes on.
    const me = await stack.request(contractOperation('Me'), {}, as(user.accessToken));
    expect(me.body.data?.me.email).toBe(user.email);
    const refreshed = await stack.request(contractOperation('RefreshSession'), { refreshToken: user.refreshToken }, anonymous);
    expect(refreshed.body.errors).toBeUndefined();
  });

  it('counts wrong current passwords against the log-in limits: RATE_LIMITED after too many guesses', async () => {
    const user = await signUp();
    const guess = (currentPassword: string) =>
      stack.request(CHANGE_PASSWORD, { input: { currentPassword, newPassword: 'a-brand-new-pass-42' } }, as(user.accessToken));
    for (const wrong of ['guess-one-1!aa', 'guess-two-2!bb', 'guess-three-3!cc']) {
      expect((await guess(wrong)).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const limited = await guess(user.password);
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect((await logIn(user.email, 'a-brand-new-pass-42')).body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
