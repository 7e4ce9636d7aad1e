import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  AccessTokenSigner,
  AccessTokenVerifier,
  GATEWAY_CALLER,
  InternalSigner,
  InternalVerifier,
  publicJwks,
  SIGNATURE_HEADER,
  type Role,
  type SigningJwk,
  type StandingSource,
} from '@bodega/auth';

/** A new Ed25519 signing key, made synchronously (test modules load without top-level await). */
export function testSigningKey(): SigningJwk {
  const { privateKey } = generateKeyPairSync('ed25519');
  const { x, d } = privateKey.export({ format: 'jwk' }) as { x: string; d: string };
  const kid = createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
  return { kty: 'OKP', crv: 'Ed25519', x, d, kid, alg: 'EdDSA', use: 'sig' };
}

/** accounts' key in this test file's servers, as one deployment's accounts holds its own. */
export const TEST_SIGNING_KEY = testSigningKey();
/** The secret every test server of a deployment shares, as they share SERVICE_SECRET. */
export const TEST_SERVICE_SECRET = 'bodega-test-service-secret-0123456789abcdef';

let signer: Promise<AccessTokenSigner> | undefined;
/** Signs as this file's accounts subgraph does. */
export function testSigner(): Promise<AccessTokenSigner> {
  signer ??= AccessTokenSigner.create([TEST_SIGNING_KEY]);
  return signer;
}

export const testInternal = new InternalVerifier(TEST_SERVICE_SECRET);
/** Signs requests as the gateway would, for tests that call a subgraph themselves. */
export const gatewaySigner = new InternalSigner(TEST_SERVICE_SECRET, GATEWAY_CALLER);

/**
 * Users that `bearer()` made up, with no account behind them: the verifiers test helpers build
 * treat them as existing with that role, so a test about stock need not sign anyone up. A token
 * signed for any other id is checked against accounts as in production (and refused without one).
 */
const testUsers = new Map<string, Role>();

/** `source`, plus the users tests made up with `bearer()`. */
export function withTestUsers(source: StandingSource = { lookup: async () => new Map() }): StandingSource {
  return {
    async lookup(userIds) {
      const found = new Map(await source.lookup(userIds.filter((id) => !testUsers.has(id))));
      for (const id of userIds) {
        const role = testUsers.get(id);
        if (role) found.set(id, { role, revokedSessions: [] });
      }
      return found;
    },
  };
}

/** Verifies this file's tokens where no accounts subgraph runs (a subgraph alone, the federated stack). */
export const testTokens = new AccessTokenVerifier({ keys: publicJwks([TEST_SIGNING_KEY]), standing: withTestUsers() });

/** A valid access token for a user with this role (no account needed: see `testUsers`). */
export async function bearer(role: Role, userId: string = randomUUID()): Promise<string> {
  testUsers.set(userId, role);
  const { token } = await (await testSigner()).issue({ id: userId, role, sessionId: randomUUID() });
  return `Bearer ${token}`;
}

let admin: Promise<string> | undefined;
/** One ADMIN token per test file: what the support helpers send unless a test says otherwise. */
export function adminBearer(): Promise<string> {
  admin ??= bearer('ADMIN');
  return admin;
}

/**
 * Headers for a POST of `body` to the subgraph at `url`, signed as the gateway signs them (with the
 * caller's `authorization` and `x-client-ip`, when given), for tests that call a subgraph directly.
 */
export function signedAsGateway(
  url: string,
  body: string,
  headers: { authorization?: string; 'x-client-ip'?: string } = {},
  signer: InternalSigner = gatewaySigner,
): Record<string, string> {
  const { pathname, search } = new URL(url);
  const signature = signer.sign({
    kind: 'http',
    method: 'POST',
    target: pathname + search,
    authorization: headers.authorization,
    clientIp: headers['x-client-ip'],
    body,
  });
  const present = Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { 'content-type': 'application/json', ...Object.fromEntries(present), [SIGNATURE_HEADER]: signature };
}

/** A graphql-ws `connection_init` payload signed as the gateway's connections to the subgraph at `url` are. */
export function gatewayConnectionParams(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { pathname, search } = new URL(url.replace(/^ws/, 'http'));
  return { ...extra, ...gatewaySigner.connectionParams(pathname + search) };
}
