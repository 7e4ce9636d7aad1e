import { faker } from '@faker-js/faker';
import { Redis } from 'ioredis';
import { hit, memoryAttemptLog, redisAttemptLog } from '../src/services/attempt-log';
import { createLoginLimiter, limiterStores, LOGIN_KEY_PREFIX, SIGN_UP_KEY_PREFIX } from '../src/services/rate-limit';
import { LOG_IN, PASSWORD, SIGN_UP, startHarness, unique, type Harness } from './harness';

// Keys in Redis outlive a run, so every email and address here carries a random part.
let h: Harness;
let redis: Redis;
beforeAll(async () => {
  faker.seed(4004);
  h = await startHarness({
    redis: true,
    limits: {
      perEmailAndAddress: { limit: 3, windowMs: 60_000 },
      perAddress: { limit: 5, windowMs: 60_000 },
      perEmail: { free: 4, windowMs: 60_000, baseDelayMs: 2000, maxDelayMs: 8000 },
    },
    signUpLimits: { perAddress: { limit: 3, windowMs: 60_000 } },
  });
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
});
afterAll(async () => {
  await redis.quit();
  await h.close();
});

const freshAddress = () => {
  const hex = unique();
  return `fd00::${hex.slice(0, 4)}:${hex.slice(4)}`;
};
const email = () => `${unique()}.${faker.internet.email()}`.toLowerCase();
const WRONG = 'wrong password 1';

async function account(clientIp = freshAddress()) {
  const address = email();
  const result = await h.run(SIGN_UP, { input: { email: address, password: PASSWORD, name: faker.person.fullName() } }, { clientIp });
  expect(result.errors).toBeUndefined();
  return address;
}

const logIn = (address: string, password: string, clientIp: string) => h.run(LOG_IN, { email: address, password }, { clientIp });
const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;

describe('log-in rate limits (Redis)', () => {
  it('refuses the attempt after N failures for one email from one address with RATE_LIMITED and retryAfter, even with the right password', async () => {
    const victim = await account();
    const attacker = freshAddress();
    for (let i = 0; i < 3; i++) expect(codeOf(await logIn(victim, WRONG, attacker))).toBe('UNAUTHENTICATED');
    const blocked = await logIn(victim.toUpperCase(), PASSWORD, attacker);
    expect(blocked.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } });
    const retryAfter = blocked.errors?.[0]?.extensions?.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(blocked.errors?.[0]?.message).toBe(`Too many attempts; try again in ${retryAfter} s.`);
  });

  it("does not let a stranger's failures from one address keep the owner out at another", async () => {
    const victim = await account();
    const attacker = freshAddress();
    for (let i = 0; i < 6; i++) await logIn(victim, WRONG, attacker);
    expect(codeOf(await logIn(victim, WRONG, attacker))).toBe('RATE_LIMITED');
    const owner = await logIn(victim, PASSWORD, freshAddress());
    expect(owner.errors).toBeUndefined();
    expect(owner.data?.logIn.user.email).toBe(victim);
  });

  it('slows failures for one email spread over many addresses, progressively, but never at an address its owner logged in from', async () => {
    const victim = await account();
    const home = freshAddress();
    expect((await logIn(victim, PASSWORD, home)).errors).toBeUndefined();
    // 4 failures are free, from anywhere; the 5th guess must wait 2 s after the 4th.
    for (let i = 0; i < 4; i++) expect(codeOf(await logIn(victim, WRONG, freshAddress()))).toBe('UNAUTHENTICATED');
    const slowed = await logIn(victim, WRONG, freshAddress());
    expect(slowed.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 2 });
    // A refused attempt guesses nothing, so it does not make the next wait longer.
    expect((await logIn(victim, WRONG, freshAddress())).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 2 });
    const atHome = await logIn(victim, PASSWORD, home);
    expect(atHome.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(codeOf(await logIn(victim, WRONG, freshAddress()))).toBe('UNAUTHENTICATED');
    // The next guess waits twice as long.
    expect((await logIn(victim, WRONG, freshAddress())).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 4 });
  });

  it('does not count successful log-ins as failures', async () => {
    const owner = await account();
    const clientIp = freshAddress();
    for (let i = 0; i < 8; i++) expect((await logIn(owner, PASSWORD, clientIp)).errors).toBeUndefined();
  });

  it('refuses the attempt after N failures from one address, whatever the emails', async () => {
    const clientIp = freshAddress();
    for (let i = 0; i < 5; i++) expect(codeOf(await logIn(email(), PASSWORD, clientIp))).toBe('UNAUTHENTICATED');
    const blocked = await logIn(email(), PASSWORD, clientIp);
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    // Another address is not affected.
    expect(codeOf(await logIn(email(), PASSWORD, freshAddress()))).toBe('UNAUTHENTICATED');
  });

  it('keeps its windows under bodega:ratelimit:login: keys that expire, naming no email', async () => {
    const clientIp = freshAddress();
    const unknown = email();
    await logIn(unknown, PASSWORD, clientIp);
    const key = `${LOGIN_KEY_PREFIX}address:${clientIp}`;
    expect(await redis.zcard(key)).toBe(1);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    const keys = await redis.keys(`${LOGIN_KEY_PREFIX}*`);
    expect(keys.some((k) => k.includes(unknown))).toBe(false);
  });
});

describe('sign-up rate limit (Redis)', () => {
  it('refuses the sign-up after N from one address with RATE_LIMITED and retryAfter, and no account is made', async () => {
    const clientIp = freshAddress();
    for (let i = 0; i < 3; i++) await account(clientIp);
    const refused = email();
    const blocked = await h.run(SIGN_UP, { input: { email: refused, password: PASSWORD, name: 'Too many' } }, { clientIp });
    expect(blocked.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } });
    expect(blocked.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(50);
    expect(await h.prisma.user.count({ where: { email: refused } })).toBe(0);
    expect(await redis.pttl(`${SIGN_UP_KEY_PREFIX}address:${clientIp}`)).toBeGreaterThan(0);
    // Another address signs up.
    await account(freshAddress());
  });
});

/** Each test runs on both attempt logs: windows in memory and in Redis behave alike. */
const ATTEMPT_LOGS = [
  ['memory', () => memoryAttemptLog()],
  ['redis', () => redisAttemptLog(redis)],
] as const;

describe('sliding windows', () => {
  it.each(ATTEMPT_LOGS)('%s: allows N attempts, then says how long until the oldest leaves the window', async (_name, make) => {
    const log = make();
    const key = `${LOGIN_KEY_PREFIX}test:${unique()}`;
    const rule = { limit: 2, windowMs: 300 };
    expect((await hit(log, key, rule)).wait).toBe(0);
    expect((await hit(log, key, rule)).wait).toBe(0);
    const { wait } = await hit(log, key, rule);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect((await hit(log, key, rule)).wait).toBe(0);
  });

  it.each(ATTEMPT_LOGS)('%s: an attempt taken back no longer counts', async (_name, make) => {
    const log = make();
    const key = `${LOGIN_KEY_PREFIX}test:${unique()}`;
    const rule = { limit: 1, windowMs: 60_000 };
    const first = await hit(log, key, rule);
    await log.remove(key, first.id);
    expect((await hit(log, key, rule)).wait).toBe(0);
    expect((await hit(log, key, rule)).wait).toBeGreaterThan(0);
  });
});

describe('log-in without its rate limiter', () => {
  it('fails closed with SERVICE_UNAVAILABLE when Redis cannot be reached', async () => {
    // Nothing listens on port 1: every command fails at once.
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    const limiter = createLoginLimiter({ stores: limiterStores(unreachable) });
    await expect(limiter.attempt('someone@example.com', '127.0.0.1')).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    unreachable.disconnect();
  });
});
