import { AccessTokenVerifier, JWKS_PATH, remoteStanding, STANDING_PATH, type StandingSource } from '@bodega/auth';
import { createEventBus, type EventBus } from '@bodega/events';
import { faker } from '@faker-js/faker';
import { gatewaySigner } from '@bodega/testing/auth';
import { contractOperation, memoryLogger, REDIS_URL, startStack, type Stack } from '@bodega/testing/stack';
import { eventually } from '@bodega/testing/wait';

// Another process's verifier (a second gateway, say) that hears accounts only through Redis and
// would otherwise ask again only every 10 minutes: whatever it notices, it was told.
let stack: Stack;
let bus: EventBus;
let elsewhere: AccessTokenVerifier;
let lookups = 0;
beforeAll(async () => {
  faker.seed(1205);
  stack = await startStack({ redis: true });
  bus = createEventBus({ redisUrl: REDIS_URL, log: memoryLogger().log });
  const remote = remoteStanding(new URL(STANDING_PATH, stack.accounts.url), gatewaySigner);
  const counted: StandingSource = { lookup: (ids) => ((lookups += 1), remote.lookup(ids)) };
  elsewhere = new AccessTokenVerifier({ keys: new URL(JWKS_PATH, stack.accounts.url), standing: counted, standingCache: { refreshMs: 600_000 } });
  await elsewhere.follow(bus);
});
afterAll(async () => {
  await bus.close();
  await stack.close();
});

const anonymous = { authorization: '' };

async function signUp() {
  const input = { email: faker.internet.email().toLowerCase(), password: 'correct horse battery 9', name: faker.person.fullName() };
  const response = await stack.request<{ signUp: { accessToken: string; refreshToken: string; user: { id: string } } }>(contractOperation('SignUp'), { input }, anonymous);
  return response.body.data!.signUp;
}

describe('revocations announced over Redis', () => {
  let admin: Awaited<ReturnType<typeof signUp>>;
  beforeAll(async () => {
    admin = await signUp(); // the first account: ADMIN
  });

  it('reach a verifier in another process within moments, with no lookup per request', async () => {
    const person = await signUp();
    const before = lookups;
    for (let i = 0; i < 50; i++) expect((await elsewhere.verify(person.accessToken)).userId).toBe(person.user.id);
    expect(lookups - before).toBe(1);

    await stack.request(contractOperation('LogOut'), { refreshToken: person.refreshToken }, anonymous);
    await eventually(() => expect(elsewhere.verify(person.accessToken)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } }), 2000, 20);
    expect(lookups - before).toBe(2);
  });

  it('carry role changes too', async () => {
    const person = await signUp();
    await elsewhere.verify(person.accessToken);
    const changed = await stack.request('mutation ($id: ID!) { setUserRole(userId: $id, role: STAFF) { role } }', { id: person.user.id }, { authorization: `Bearer ${admin.accessToken}` });
    expect(changed.body.errors).toBeUndefined();
    await eventually(() => expect(elsewhere.verify(person.accessToken)).rejects.toMatchObject({ message: expect.stringMatching(/role changed to STAFF/) }), 2000, 20);
  });
});
