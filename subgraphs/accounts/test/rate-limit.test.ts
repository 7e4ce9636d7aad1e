import { faker } from '@faker-js/faker';
import { Redis } from 'ioredis';
import { createContext } from '../src/context';
import { createLoginLimiter, LOGIN_KEY_PREFIX, memoryWindow, redisWindow } from '../src/services/rate-limit';
import { LOG_IN, PASSWORD, SIGN_UP, startHarness, unique, type Harness } from './harness';

// Keys in Redis outlive a run, so every email and address here carries a random part.
let h: Harness;
let redis: Redis;
beforeAll(async () => {
  faker.seed(4004);
  h = await startHarness({
    redis: true,
    limits: { perEmail: { limit: 3, windowMs: 60_000 }, perAddress: { limit: 5, windowMs: 60_000 } },
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

describe('log-in rate limits (Redis)', () => {
  it('refuses the attempt after N for one email with RATE_LIMITED and retryAfter, from any address', async () => {
    const account = email();
    await h.run(SIGN_UP, { input: { email: account, password: PASSWORD, name: faker.person.fullName() } });
    for (let i = 0; i < 3; i++) {
      const result = await h.run(LOG_IN, { email: account, password: 'wrong password 1' }, { clientIp: freshAddress() });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Past the limit even the right password is refused, before it is checked.
    const blocked = await h.run(LOG_IN, { email: account.toUpperCase(), password: PASSWORD }, { clientIp: freshAddress() });
    expect(blocked.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } });
    const retryAfter = blocked.errors?.[0]?.extensions?.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(blocked.errors?.[0]?.message).toBe(`Too many attempts; try again in ${retryAfter} s.`);
  });

  it('refuses the attempt after N from one address, whatever the emails', async () => {
    const clientIp = freshAddress();
    for (let i = 0; i < 5; i++) {
      const result = await h.run(LOG_IN, { email: email(), password: PASSWORD }, { clientIp });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await h.run(LOG_IN, { email: email(), password: PASSWORD }, { clientIp });
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    // Another address is not affected.
    const other = await h.run(LOG_IN, { email: email(), password: PASSWORD }, { clientIp: freshAddress() });
    expect(other.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps its windows under bodega:ratelimit:login: keys that expire, naming no email', async () => {
    const clientIp = freshAddress();
    const account = email();
    await h.run(LOG_IN, { email: account, password: PASSWORD }, { clientIp });
    const key = `${LOGIN_KEY_PREFIX}address:${clientIp}`;
    expect(await redis.zcard(key)).toBe(1);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    const keys = await redis.keys(`${LOGIN_KEY_PREFIX}*`);
    expect(keys.some((k) => k.includes(account))).toBe(false);
  });

  it('takes the client address from x-client-ip (first entry), else from the socket', () => {
    const addressOf = (headers: Record<string, string>) =>
      createContext(h.runtime, { requestId: 't', log: h.runtime.log, req: { headers, socket: { remoteAddress: '::1' } } }).clientAddress;
    expect(addressOf({ 'x-client-ip': '203.0.113.7, 10.0.0.1' })).toBe('203.0.113.7');
    expect(addressOf({ 'x-client-ip': 'bodega:ratelimit:login:*' })).toBe('::1');
    expect(addressOf({})).toBe('::1');
  });
});

describe('sliding windows', () => {
  it.each([
    ['memory', () => memoryWindow()],
    ['redis', () => redisWindow(redis)],
  ])('%s: allows N attempts, then says how long until the oldest leaves the window', async (_name, make) => {
    const window = make();
    const key = `${LOGIN_KEY_PREFIX}test:${unique()}`;
    const rule = { limit: 2, windowMs: 300 };
    expect(await window.hit(key, rule)).toBe(0);
    expect(await window.hit(key, rule)).toBe(0);
    const wait = await window.hit(key, rule);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect(await window.hit(key, rule)).toBe(0);
  });
});

describe('log-in without its rate limiter', () => {
  it('fails closed with SERVICE_UNAVAILABLE when Redis cannot be reached', async () => {
    // Nothing listens on port 1: every command fails at once.
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    const limiter = createLoginLimiter({ redis: unreachable });
    await expect(limiter.attempt('someone@example.com', '127.0.0.1')).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    unreachable.disconnect();
  });
});
