import { AccessTokens } from '@bodega/auth';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createLogger } from '@bodega/logger';
import type { RunningServer } from '@bodega/server-kit';
import { createTestDatabase, type TestDatabase } from '../../../packages/db/src/testing';
import { startAccountsSubgraph } from '../src/server';
import { ME, PASSWORD, SIGN_UP, TEST_JWT_SECRET } from './harness';

let db: TestDatabase;
let prisma: PrismaClient;
let running: RunningServer;
beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url, { maxConnections: 4 });
  const deps = { prisma, tokens: new AccessTokens(TEST_JWT_SECRET), log: createLogger('accounts-test', 'silent') };
  running = await startAccountsSubgraph(deps, 0);
});
afterAll(async () => {
  await running.close();
  await prisma.$disconnect();
  await db.drop();
});

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: Array<{ extensions?: Record<string, unknown> }> };
}

describe('the accounts subgraph over HTTP', () => {
  it('answers /health', async () => {
    const response = await fetch(new URL('/health', running.url));
    expect(await response.json()).toEqual({ status: 'ok', service: 'accounts' });
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
