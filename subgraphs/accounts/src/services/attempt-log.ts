import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** At most `limit` attempts in any `windowMs`. */
export interface WindowRule {
  limit: number;
  windowMs: number;
}

export interface Recorded {
  /** This attempt's entry, to take back when it turns out not to count (a successful log-in). */
  id: string;
  /** Times (ms) of the newest earlier attempts still in the window, oldest first: at most `keep`. */
  earlier: number[];
}

/**
 * A log of attempts per key (a sorted set in Redis, score = time; or this process's memory):
 * recording one drops what left the window and reads what is left, in one step.
 */
export interface AttemptLog {
  add(key: string, windowMs: number, keep: number, now?: number): Promise<Recorded>;
  remove(key: string, id: string): Promise<void>;
}

/** Records an attempt under a window rule: `wait` 0 when it is within the rule, else ms until one would be. */
export async function hit(log: AttemptLog, key: string, rule: WindowRule, now = Date.now()): Promise<{ id: string; wait: number }> {
  const { id, earlier } = await log.add(key, rule.windowMs, rule.limit, now);
  const all = [...earlier, now];
  // The entry whose leaving the window would let the next attempt in.
  const blocker = all.length > rule.limit ? all[all.length - rule.limit] : undefined;
  return { id, wait: blocker === undefined ? 0 : Math.max(1, blocker + rule.windowMs - now) };
}

const entryId = (now: number) => `${now}:${randomBytes(6).toString('hex')}`;

/**
 * In one MULTI: drop what left the window, read the newest `keep`, add this attempt, keep only the
 * newest `keep` + 1 (bounded memory under hammering) and let the key expire with the window.
 */
export function redisAttemptLog(redis: Redis): AttemptLog {
  return {
    async add(key, windowMs, keep, now = Date.now()) {
      const id = entryId(now);
      const results = await redis
        .multi()
        .zremrangebyscore(key, '-inf', now - windowMs)
        .zrange(key, -keep, -1, 'WITHSCORES')
        .zadd(key, now, id)
        .zremrangebyrank(key, 0, -(keep + 2))
        .pexpire(key, windowMs)
        .exec();
      if (!results) throw new Error(`rate-limit transaction on ${key} was aborted`);
      for (const [error] of results) if (error) throw error;
      const flat = results[1]?.[1] as string[];
      const earlier: number[] = [];
      for (let i = 1; i < flat.length; i += 2) earlier.push(Number(flat[i]));
      return { id, earlier };
    },
    async remove(key, id) {
      await redis.zrem(key, id);
    },
  };
}

const SWEEP_EVERY_MS = 15 * 60 * 1000;

/** The same log in this process's memory, for a single process without Redis. */
export function memoryAttemptLog(): AttemptLog {
  const logs = new Map<string, { entries: Array<{ id: string; time: number }>; windowMs: number }>();
  let lastSweep = Date.now();
  return {
    async add(key, windowMs, keep, now = Date.now()) {
      if (now - lastSweep > SWEEP_EVERY_MS) {
        // Keys nobody retries would otherwise stay forever.
        for (const [k, log] of logs) if ((log.entries.at(-1)?.time ?? 0) <= now - log.windowMs) logs.delete(k);
        lastSweep = now;
      }
      const entries = (logs.get(key)?.entries ?? []).filter((entry) => entry.time > now - windowMs).slice(-keep);
      const earlier = entries.map((entry) => entry.time);
      const id = entryId(now);
      entries.push({ id, time: now });
      logs.set(key, { entries, windowMs });
      return { id, earlier };
    },
    async remove(key, id) {
      const log = logs.get(key);
      if (log) log.entries = log.entries.filter((entry) => entry.id !== id);
    },
  };
}

/** Addresses an email has logged in from, newest kept, forgotten after `ttlMs` without a log-in. */
export interface KnownPlaces {
  has(key: string, place: string): Promise<boolean>;
  add(key: string, place: string, ttlMs: number, keep: number): Promise<void>;
}

export function redisKnownPlaces(redis: Redis): KnownPlaces {
  return {
    async has(key, place) {
      return (await redis.zscore(key, place)) !== null;
    },
    async add(key, place, ttlMs, keep) {
      await redis
        .multi()
        .zadd(key, Date.now(), place)
        .zremrangebyrank(key, 0, -(keep + 1))
        .pexpire(key, ttlMs)
        .exec();
    },
  };
}

export function memoryKnownPlaces(): KnownPlaces {
  const places = new Map<string, { seen: Map<string, number>; expiresAt: number }>();
  return {
    async has(key, place) {
      const known = places.get(key);
      if (!known || known.expiresAt <= Date.now()) return false;
      return known.seen.has(place);
    },
    async add(key, place, ttlMs, keep) {
      const now = Date.now();
      const known = places.get(key);
      const seen = known && known.expiresAt > now ? known.seen : new Map<string, number>();
      seen.delete(place);
      seen.set(place, now);
      while (seen.size > keep) seen.delete(seen.keys().next().value!);
      places.set(key, { seen, expiresAt: now + ttlMs });
    },
  };
}
