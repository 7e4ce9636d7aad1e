import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessTokenSigner, AccessTokenVerifier, generateSigningKey, publicJwks, StandingCache, type Role, type SigningJwk, type StandingSource, type UserStanding } from '../src';

const session = () => randomUUID();
const someone = (role: Role = 'CUSTOMER') => ({ id: randomUUID(), role, sessionId: session() });

/** A standing source over a map the test edits, counting lookups. */
function standings(initial: Array<[string, UserStanding]> = []) {
  const users = new Map(initial);
  let lookups = 0;
  const source: StandingSource = {
    async lookup(ids) {
      lookups += 1;
      return new Map(ids.filter((id) => users.has(id)).map((id) => [id, users.get(id)!]));
    },
  };
  return { users, source, lookups: () => lookups };
}

async function signerAndVerifier(role: Role = 'CUSTOMER', ttlSeconds?: number) {
  const key = await generateSigningKey();
  const signer = await AccessTokenSigner.create([key], ttlSeconds);
  const subject = someone(role);
  const known = standings([[subject.id, { role, revokedSessions: [] }]]);
  const verifier = new AccessTokenVerifier({ keys: signer.jwks, standing: known.source });
  return { key, signer, subject, known, verifier };
}

describe('access tokens', () => {
  it('are signed with Ed25519 and name their key; the published keys are public halves only', async () => {
    const { key, signer, subject } = await signerAndVerifier();
    const { token } = await signer.issue(subject);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'EdDSA', typ: 'at+jwt', kid: key.kid });
    expect(signer.jwks.keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid, alg: 'EdDSA', use: 'sig' }]);
  });

  it('refuses a token it verified before once that token has expired', async () => {
    const { signer, subject, verifier } = await signerAndVerifier('CUSTOMER', 1);
    const { token } = await signer.issue(subject);
    expect((await verifier.verify(token)).userId).toBe(subject.id);
    expect((await verifier.verify(token)).userId).toBe(subject.id);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/expired/) });
  });

  it('refuses a tampered copy of a token it has verified', async () => {
    const { signer, subject, verifier } = await signerAndVerifier('STAFF');
    const { token } = await signer.issue(subject);
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'ADMIN' })).toString('base64url');
    await expect(verifier.verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a token signed with any other key, even one claiming the real key id', async () => {
    const { key, subject, verifier } = await signerAndVerifier('ADMIN');
    const stranger: SigningJwk = { ...(await generateSigningKey()), kid: key.kid };
    const { token } = await (await AccessTokenSigner.create([stranger])).issue(subject);
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'The access token is invalid; sign in again.' });
  });

  it('accepts tokens of both live keys while a key rotates, and neither once that key leaves the set', async () => {
    const [oldKey, newKey] = [await generateSigningKey(), await generateSigningKey()];
    const subject = someone();
    const { source } = standings([[subject.id, { role: 'CUSTOMER', revokedSessions: [] }]]);
    const before = await (await AccessTokenSigner.create([oldKey])).issue(subject);
    const rotated = await AccessTokenSigner.create([newKey, oldKey]);
    const after = await rotated.issue(subject);
    const verifier = new AccessTokenVerifier({ keys: rotated.jwks, standing: source });
    expect((await verifier.verify(before.token)).userId).toBe(subject.id);
    expect((await verifier.verify(after.token)).userId).toBe(subject.id);
    const retired = new AccessTokenVerifier({ keys: publicJwks([newKey]), standing: source });
    await expect(retired.verify(before.token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect((await retired.verify(after.token)).userId).toBe(subject.id);
  });

  it('fetches a JWKS URL and fetches it again when a token names a key it has not seen', async () => {
    const [oldKey, newKey] = [await generateSigningKey(), await generateSigningKey()];
    let served = publicJwks([oldKey]);
    let fetches = 0;
    const server: Server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const subject = someone();
      const { source } = standings([[subject.id, { role: 'CUSTOMER', revokedSessions: [] }]]);
      const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
      const verifier = new AccessTokenVerifier({ keys: url, standing: source, jwksCooldownMs: 0 });
      const old = await (await AccessTokenSigner.create([oldKey])).issue(subject);
      expect((await verifier.verify(old.token)).userId).toBe(subject.id);
      served = publicJwks([newKey, oldKey]);
      const fresh = await (await AccessTokenSigner.create([newKey, oldKey])).issue(subject);
      expect((await verifier.verify(fresh.token)).userId).toBe(subject.id);
      expect(fetches).toBe(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers SERVICE_UNAVAILABLE, not UNAUTHENTICATED, when the JWKS cannot be fetched', async () => {
    const verifier = new AccessTokenVerifier({ keys: new URL('http://127.0.0.1:9/.well-known/jwks.json'), standing: 'unchecked' });
    const { token } = await (await AccessTokenSigner.create([await generateSigningKey()])).issue(someone());
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });
});

describe("a token's standing", () => {
  it('refuses a validly signed token whose user does not exist', async () => {
    const { signer, verifier } = await signerAndVerifier();
    const { token } = await signer.issue(someone('ADMIN'));
    await expect(verifier.verify(token)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: 'The account this access token was issued for no longer exists.',
    });
  });

  it('refuses a token stating a role its user no longer has, once told the user changed', async () => {
    const { signer, subject, known, verifier } = await signerAndVerifier('STAFF');
    const { token } = await signer.issue(subject);
    await verifier.verify(token);
    known.users.set(subject.id, { role: 'CUSTOMER', revokedSessions: [] });
    verifier.forget(subject.id);
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/role changed to CUSTOMER/) });
  });

  it("refuses the tokens of an ended session, and only that session's", async () => {
    const { signer, subject, known, verifier } = await signerAndVerifier();
    const ended = await signer.issue(subject);
    const other = await signer.issue({ ...subject, sessionId: session() });
    known.users.set(subject.id, { role: 'CUSTOMER', revokedSessions: [subject.sessionId] });
    verifier.forget(subject.id);
    await expect(verifier.verify(ended.token)).rejects.toMatchObject({ message: expect.stringMatching(/session has ended/) });
    expect((await verifier.verify(other.token)).userId).toBe(subject.id);
  });

  it('asks once for many requests, and once for many users at the same moment', async () => {
    const { signer, subject, known, verifier } = await signerAndVerifier();
    const { token } = await signer.issue(subject);
    await Promise.all(Array.from({ length: 20 }, () => verifier.verify(token)));
    expect(known.lookups()).toBe(1);
    // Users missed in the same turn of the event loop share one lookup.
    const others = Array.from({ length: 5 }, () => someone());
    for (const user of others) known.users.set(user.id, { role: 'CUSTOMER', revokedSessions: [] });
    const cache = new StandingCache(known.source);
    await Promise.all(others.map((user) => cache.get(user.id)));
    expect(known.lookups()).toBe(2);
  });

  it('refreshes many users whose answers aged in one background lookup', async () => {
    const known = standings();
    const users = Array.from({ length: 5 }, () => someone());
    for (const user of users) known.users.set(user.id, { role: 'CUSTOMER', revokedSessions: [] });
    const cache = new StandingCache(known.source, { refreshMs: 50, gatherMs: 100 });
    await Promise.all(users.map((user) => cache.get(user.id)));
    await new Promise((resolve) => setTimeout(resolve, 60));
    for (const user of users) {
      expect(cache.get(user.id)).toMatchObject({ role: 'CUSTOMER' }); // served at once, refreshed behind
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(known.lookups()).toBe(2);
  });

  it('notices a change nobody announced within its refresh interval', async () => {
    const key = await generateSigningKey();
    const signer = await AccessTokenSigner.create([key]);
    const subject = someone('STAFF');
    const known = standings([[subject.id, { role: 'STAFF', revokedSessions: [] }]]);
    const verifier = new AccessTokenVerifier({ keys: signer.jwks, standing: known.source, standingCache: { refreshMs: 100, gatherMs: 100 } });
    const { token } = await signer.issue(subject);
    await verifier.verify(token);
    known.users.delete(subject.id);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await verifier.verify(token); // still the old answer: the refresh runs in the background, gathering others for 100 ms
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('answers SERVICE_UNAVAILABLE when the standing of a user it does not know cannot be looked up', async () => {
    const key = await generateSigningKey();
    const signer = await AccessTokenSigner.create([key]);
    const verifier = new AccessTokenVerifier({ keys: signer.jwks, standing: { lookup: () => Promise.reject(new Error('accounts down')) } });
    const { token } = await signer.issue(someone());
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });
});
