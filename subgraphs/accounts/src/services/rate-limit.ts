import { createHash, randomBytes } from 'node:crypto';
import { rateLimited, serviceUnavailable } from '@bodega/errors';
import type { Redis } from 'ioredis';

/** At most `limit` attempts in any `windowMs`. */
export interface WindowRule {
  limit: number;
  windowMs: number;
}

export interface LoginLimits {
  /** Attempts per email, whoever makes them (slows guessing one account's password). */
  perEmail: WindowRule;
  /** Attempts per client address, whatever the email (slows spraying many accounts). */
  perAddress: WindowRule;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perEmail: { limit: 5, windowMs: FIFTEEN_MINUTES },
  perAddress: { limit: 20, windowMs: FIFTEEN_MINUTES },
};

export const LOGIN_KEY_PREFIX = 'bodega:ratelimit:login:';

/** A sliding window log: every attempt is recorded, blocked ones too. */
export interface SlidingWindow {
  /** Records an attempt; 0 when it is within the rule, otherwise milliseconds until one would be. */
  hit(key: string, rule: WindowRule): Promise<number>;
}

/**
 * One sorted set per key (score = time), in one MULTI: drop what left the window, add this
 * attempt, count, read the entry whose expiry would let the next attempt in, keep only the
 * newest `limit` entries (bounded memory under hammering) and let the key expire with the window.
 */
export function redisWindow(redis: Redis): SlidingWindow {
  return {
    async hit(key, rule) {
      const now = Date.now();
      const results = await redis
        .multi()
        .zremrangebyscore(key, '-inf', now - rule.windowMs)
        .zadd(key, now, `${now}:${randomBytes(6).toString('hex')}`)
        .zcard(key)
        .zrange(key, -rule.limit, -rule.limit, 'WITHSCORES')
        .zremrangebyrank(key, 0, -(rule.limit + 1))
        .pexpire(key, rule.windowMs)
        .exec();
      if (!results) throw new Error(`rate-limit transaction on ${key} was aborted`);
      for (const [error] of results) if (error) throw error;
      const count = Number(results[2]?.[1]);
      if (count <= rule.limit) return 0;
      const [, score] = results[3]?.[1] as string[];
      return Math.max(1, Number(score) + rule.windowMs - now);
    },
  };
}

/** The same window in this process's memory, for a single process without Redis. */
export function memoryWindow(): SlidingWindow {
  const attempts = new Map<string, { times: number[]; windowMs: number }>();
  let lastSweep = Date.now();
  return {
    async hit(key, rule) {
      const now = Date.now();
      if (now - lastSweep > FIFTEEN_MINUTES) {
        // Keys nobody retries would otherwise stay forever.
        for (const [k, entry] of attempts) if ((entry.times.at(-1) ?? 0) <= now - entry.windowMs) attempts.delete(k);
        lastSweep = now;
      }
      const times = (attempts.get(key)?.times ?? []).filter((time) => time > now - rule.windowMs);
      times.push(now);
      const blocker = times.length > rule.limit ? times[times.length - rule.limit] : undefined;
      attempts.set(key, { times: times.slice(-rule.limit), windowMs: rule.windowMs });
      return blocker === undefined ? 0 : Math.max(1, blocker + rule.windowMs - now);
    },
  };
}

export interface LoginLimiter {
  /** Records a log-in attempt; RATE_LIMITED (with retryAfter seconds) past either limit. */
  attempt(email: string, clientAddress: string): Promise<void>;
}

export function createLoginLimiter(options: { redis?: Redis | undefined; limits?: Partial<LoginLimits> | undefined }): LoginLimiter {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...options.limits };
  const window = options.redis ? redisWindow(options.redis) : memoryWindow();
  return {
    async attempt(email, clientAddress) {
      // Hashed, so no key names anyone's email.
      const emailKey = `${LOGIN_KEY_PREFIX}email:${createHash('sha256').update(email).digest('hex')}`;
      const addressKey = `${LOGIN_KEY_PREFIX}address:${clientAddress}`;
      // Fails closed: without its limiter, log-in would be open to guessing.
      const waits = await Promise.all([window.hit(emailKey, limits.perEmail), window.hit(addressKey, limits.perAddress)]).catch(
        () => {
          throw serviceUnavailable('Log-in is paused: its rate limiter cannot be reached. Try again shortly.');
        },
      );
      const wait = Math.max(...waits);
      if (wait > 0) throw rateLimited(Math.ceil(wait / 1000));
    },
  };
}
