import { AccessTokens } from '../src/tokens';

const SECRET = 'auth-test-secret-0123456789abcdef0123456789';

describe('access tokens', () => {
  it('refuses a token it verified before once that token has expired', async () => {
    const tokens = new AccessTokens(SECRET, 1);
    const { token } = await tokens.issue({ id: 'user-1', role: 'CUSTOMER' });
    expect((await tokens.verify(token)).userId).toBe('user-1');
    expect((await tokens.verify(token)).userId).toBe('user-1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(tokens.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/expired/) });
  });

  it('refuses a tampered copy of a token it has verified', async () => {
    const tokens = new AccessTokens(SECRET);
    const { token } = await tokens.issue({ id: 'user-2', role: 'STAFF' });
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'ADMIN' })).toString('base64url');
    await expect(tokens.verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('does not accept one secret’s verified tokens under another secret', async () => {
    const mine = new AccessTokens(SECRET);
    const theirs = new AccessTokens(`${SECRET}-other`);
    const { token } = await mine.issue({ id: 'user-3', role: 'ADMIN' });
    await mine.verify(token);
    await expect(theirs.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
