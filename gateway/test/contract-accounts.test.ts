import { faker } from '@faker-js/faker';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';

let stack: Stack;
beforeAll(async () => {
  faker.seed(404);
  stack = await startStack({ loginLimits: { perEmailAndAddress: { limit: 3, windowMs: 60_000 } } });
});
afterAll(() => stack.close());

const anonymous = { authorization: '' };
const as = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });
const person = () => ({ email: faker.internet.email().toLowerCase(), password: `${faker.internet.password({ length: 14 })}aA1!`, name: faker.person.fullName() });

describe("the contract's accounts operations through the gateway", () => {
  const first = person();
  const second = person();

  it('SignUp: the first account is ADMIN, later ones CUSTOMER', async () => {
    const admin = await stack.request(contractOperation('SignUp'), { input: first }, anonymous);
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data?.signUp.user).toMatchObject({ email: first.email, name: first.name, role: 'ADMIN' });
    const customer = await stack.request(contractOperation('SignUp'), { input: second }, anonymous);
    expect(customer.body.data?.signUp.user.role).toBe('CUSTOMER');
  });

  it('SignUp: a taken email is CONFLICT, a weak password BAD_USER_INPUT naming the field', async () => {
    const taken = await stack.request(contractOperation('SignUp'), { input: { ...person(), email: first.email.toUpperCase() } }, anonymous);
    expect(taken.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const weak = await stack.request(contractOperation('SignUp'), { input: { ...person(), password: 'short' } }, anonymous);
    expect(weak.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
  });

  it('LogIn, Me, RefreshSession and LogOut behave as their comments say', async () => {
    const login = await stack.request(contractOperation('LogIn'), { email: second.email, password: second.password }, anonymous);
    const { accessToken, refreshToken } = login.body.data?.logIn;
    expect(login.body.data?.logIn.user).toMatchObject({ email: second.email, role: 'CUSTOMER' });

    const me = await stack.request(contractOperation('Me'), {}, as(accessToken));
    expect(me.body.data?.me).toMatchObject({ email: second.email, name: second.name, role: 'CUSTOMER' });
    expect((await stack.request(contractOperation('Me'), {}, anonymous)).body.data?.me).toBeNull();

    const rotated = await stack.request(contractOperation('RefreshSession'), { refreshToken }, anonymous);
    const next = rotated.body.data?.refreshSession;
    expect(next.refreshToken).not.toBe(refreshToken);
    const reused = await stack.request(contractOperation('RefreshSession'), { refreshToken }, anonymous);
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Reuse revoked the whole family: the newer token is dead too.
    const afterReuse = await stack.request(contractOperation('RefreshSession'), { refreshToken: next.refreshToken }, anonymous);
    expect(afterReuse.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const again = await stack.request(contractOperation('LogIn'), { email: second.email, password: second.password }, anonymous);
    const session = again.body.data?.logIn;
    expect((await stack.request(contractOperation('LogOut'), { refreshToken: session.refreshToken }, anonymous)).body.data?.logOut).toBe(true);
    const afterLogOut = await stack.request(contractOperation('RefreshSession'), { refreshToken: session.refreshToken }, anonymous);
    expect(afterLogOut.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('LogIn: a wrong password and an unknown email get the same answer, then RATE_LIMITED', async () => {
    const wrong = await stack.request(contractOperation('LogIn'), { email: first.email, password: 'not-the-password-1A!' }, anonymous);
    const unknown = await stack.request(contractOperation('LogIn'), { email: 'nobody@example.com', password: 'whatever-1A!xx' }, anonymous);
    expect(wrong.body.errors?.[0]).toEqual({ ...unknown.body.errors?.[0], path: ['logIn'] });
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The limit is 3 failures per email from one address here: the 4th attempt is refused, even with the right password.
    await stack.request(contractOperation('LogIn'), { email: first.email, password: 'still-wrong-1A!x' }, anonymous);
    await stack.request(contractOperation('LogIn'), { email: first.email, password: 'wrong-again-1A!x' }, anonymous);
    const limited = await stack.request(contractOperation('LogIn'), { email: first.email, password: first.password }, anonymous);
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  });

  it('never writes a password or a token to the logs', async () => {
    const text = JSON.stringify(stack.logLines());
    expect(text).not.toContain(first.password);
    expect(text).not.toContain(second.password);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JWT
  });

  it('a token from LogIn lets staff write once an admin makes them STAFF', async () => {
    const admin = (await stack.request(contractOperation('LogIn'), { email: second.email, password: second.password }, anonymous)).body.data?.logIn;
    const create = () => stack.request(contractOperation('CreateProduct'), { input: { name: 'Staff-made', stock: 1 } }, as(admin.accessToken));
    expect((await create()).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
