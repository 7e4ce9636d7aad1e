import { AccessTokenSigner, AccessTokenVerifier, JWKS_PATH } from '@bodega/auth';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, type EventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import type { RunningServer } from '@bodega/server-kit';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { signedAsGateway, testInternal } from '@bodega/testing/auth';
import { startAccountsSubgraph } from '../src/server';
import { accountsStanding } from '../src/services/standing';
import { HARNESS_SIGNING_KEY, ME, PASSWORD, SIGN_UP } from './harness';

let db: TestDatabase;
let prisma: PrismaClient;
let events: EventBus;
let running: RunningServer;
let signer: AccessTokenSigner;
beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url, { maxConnections: 4 });
  events = createEventBus({ log: createLogger('accounts-test', 'silent') });
  signer = await AccessTokenSigner.create([HARNESS_SIGNING_KEY]);
  const tokens = new AccessTokenVerifier({ keys: signer.jwks, standing: accountsStanding(prisma) });
  running = await startAccountsSubgraph({ prisma, signer, tokens, events, internal: testInternal, log: createLogger('accounts-test', 'silent') }, { port: 0 });
});
afterAll(async () => {
  await running.close();
  await Promise.all([prisma.$disconnect(), events.close()]);
  await db.drop();
});

/** POSTs as the gateway would: signed, with the caller's headers. */
async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ query, variables });
  const response = await fetch(running.url, { method: 'POST', headers: { ...headers, ...signedAsGateway(running.url, body, headers) }, body });
  return (await response.json()) as { data?: Record<string, any>; errors?: Array<{ extensions?: Record<string, unknown> }> };
}

describe('the accounts subgraph over HTTP', () => {
  it('answers /health', async () => {
    const response = await fetch(new URL('/health', running.url));
    expect(await response.json()).toEqual({ status: 'ok', service: 'accounts' });
  });

  it('publishes its public keys, and only those, at /.well-known/jwks.json', async () => {
    const response = await fetch(new URL(JWKS_PATH, running.url));
    const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: HARNESS_SIGNING_KEY.x, kid: HARNESS_SIGNING_KEY.kid, alg: 'EdDSA', use: 'sig' }]);
    expect(JSON.stringify(jwks)).not.toContain(HARNESS_SIGNING_KEY.d);
  });

  it('signs up, then knows the caller from the Authorization header', async () => {
    const signedUp = await post(SIGN_UP, { input: { email: 'first@example.com', password: PASSWORD, name: 'First' } });
    expect(signedUp.data?.signUp.user.role).toBe('ADMIN');
    const me = await post(ME, {}, { authorization: `Bearer ${signedUp.data?.signUp.accessToken}` });
    expect(me.data?.me).toMatchObject({ email: 'first@example.com', role: 'ADMIN' });
  });

  it('ignores an identity header it did not sign: only a verified token counts', async () => {
    const me = await post(ME, {}, { 'x-user-id': '00000000-0000-4000-8000-000000000000', 'x-user-role': 'ADMIN' });
    expect(me).toEqual({ data: { me: null } });
  });
});
