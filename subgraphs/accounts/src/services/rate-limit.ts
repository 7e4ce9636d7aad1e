import { createHash } from 'node:crypto';
import { rateLimited, serviceUnavailable } from '@bodega/errors';
import type { Redis } from 'ioredis';
import {
  hit,
  memoryAttemptLog,
  memoryKnownPlaces,
  redisAttemptLog,
  redisKnownPlaces,
  type AttemptLog,
  type KnownPlaces,
  type WindowRule,
} from './attempt-log';

export type { WindowRule } from './attempt-log';

/** Past `free` failures in `windowMs`, each further attempt waits `baseDelayMs` × 2^n since the last, at most `maxDelayMs`. */
export interface ProgressiveRule {
  free: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface LoginLimits {
  /** Failures for one email from one address: strict (stops guessing from one place). */
  perEmailAndAddress: WindowRule;
  /** Failures from one address, whatever the emails (stops spraying many accounts). */
  perAddress: WindowRule;
  /**
   * Failures for one email from every address together, as growing delays rather than a lock
   * (slows a guess spread over many addresses). Never applied at an address the email has logged
   * in from, so a stranger cannot keep its owner out.
   */
  perEmail: ProgressiveRule;
}

export interface SignUpLimits {
  /** Sign-ups from one address. */
  perAddress: WindowRule;
}

const MINUTE = 60 * 1000;
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perEmailAndAddress: { limit: 5, windowMs: 15 * MINUTE },
  perAddress: { limit: 20, windowMs: 15 * MINUTE },
  // One address fails at most 20 times an hour under the pair limit (4 × 5): one stranger alone never slows the owner.
  perEmail: { free: 25, windowMs: 60 * MINUTE, baseDelayMs: 1000, maxDelayMs: 5 * MINUTE },
};
export const DEFAULT_SIGN_UP_LIMITS: SignUpLimits = { perAddress: { limit: 10, windowMs: 15 * MINUTE } };

export const LOGIN_KEY_PREFIX = 'bodega:ratelimit:login:';
export const SIGN_UP_KEY_PREFIX = 'bodega:ratelimit:signup:';
/** An address the email logged in from is remembered this long after its last log-in (at most 10 per email). */
const KNOWN_PLACE_TTL_MS = 30 * 24 * 60 * MINUTE;
const KNOWN_PLACES_KEPT = 10;
/** Entries kept per email: beyond this many failures the delay is at its maximum anyway. */
const PROGRESSIVE_KEEP = 32;

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');

/** A log-in attempt let through: say how it went. */
export interface LoginAttempt {
  /** The password was right: the attempt stops counting as a failure and the address becomes known for the email. */
  succeeded(): Promise<void>;
}

export interface LoginLimiter {
  /** Records a log-in attempt, counted as a failure until `succeeded()`; RATE_LIMITED (with retryAfter seconds) past a limit. */
  attempt(email: string, clientAddress: string): Promise<LoginAttempt>;
}

export interface SignUpLimiter {
  /** Records a sign-up attempt; RATE_LIMITED past the address's limit. */
  attempt(clientAddress: string): Promise<void>;
}

export interface LimiterStores {
  log: AttemptLog;
  places: KnownPlaces;
}

/** In Redis when given (shared by every accounts process), else in this process's memory. */
export function limiterStores(redis: Redis | undefined): LimiterStores {
  return redis ? { log: redisAttemptLog(redis), places: redisKnownPlaces(redis) } : { log: memoryAttemptLog(), places: memoryKnownPlaces() };
}

/** Fails closed: without its limiter, log-in would be open to guessing. */
function limiterDown(): never {
  throw serviceUnavailable('Log-in is paused: its rate limiter cannot be reached. Try again shortly.');
}

export function createLoginLimiter(options: { stores: LimiterStores; limits?: Partial<LoginLimits> | undefined; onError?: (error: unknown) => void }): LoginLimiter {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...options.limits };
  const { log, places } = options.stores;
  return {
    async attempt(email, clientAddress) {
      // Hashed, so no key names anyone's email.
      const emailHash = digest(email);
      const place = digest(clientAddress).slice(0, 32);
      const keys = {
        pair: `${LOGIN_KEY_PREFIX}pair:${digest(email, clientAddress)}`,
        address: `${LOGIN_KEY_PREFIX}address:${clientAddress}`,
        email: `${LOGIN_KEY_PREFIX}email:${emailHash}`,
        known: `${LOGIN_KEY_PREFIX}known:${emailHash}`,
      };
      const now = Date.now();
      const [pair, address, known] = await Promise.all([
        hit(log, keys.pair, limits.perEmailAndAddress, now),
        hit(log, keys.address, limits.perAddress, now),
        places.has(keys.known, place),
      ]).catch(limiterDown);
      const perEmail = known ? undefined : await progressive(log, keys.email, limits.perEmail, now).catch(limiterDown);
      const wait = Math.max(pair.wait, address.wait, perEmail?.wait ?? 0);
      if (wait > 0) {
        // Refused attempts guess nothing: they keep counting against this pair and address, not the email.
        if (perEmail) await log.remove(keys.email, perEmail.id).catch(limiterDown);
        throw rateLimited(Math.ceil(wait / 1000));
      }
      return {
        succeeded: async () => {
          await Promise.all([
            log.remove(keys.pair, pair.id),
            log.remove(keys.address, address.id),
            perEmail && log.remove(keys.email, perEmail.id),
            places.add(keys.known, place, KNOWN_PLACE_TTL_MS, KNOWN_PLACES_KEPT),
          ]).catch((error: unknown) => options.onError?.(error));
        },
      };
    },
  };
}

/** Records an attempt under a progressive rule; `wait` > 0 when it comes too soon after the last one. */
async function progressive(log: AttemptLog, key: string, rule: ProgressiveRule, now: number): Promise<{ id: string; wait: number }> {
  const { id, earlier } = await log.add(key, rule.windowMs, PROGRESSIVE_KEEP, now);
  const excess = earlier.length - rule.free;
  if (excess < 0) return { id, wait: 0 };
  const delay = Math.min(rule.baseDelayMs * 2 ** Math.min(excess, 30), rule.maxDelayMs);
  return { id, wait: Math.max(0, earlier.at(-1)! + delay - now) };
}

export function createSignUpLimiter(options: { stores: LimiterStores; limits?: Partial<SignUpLimits> | undefined }): SignUpLimiter {
  const limits = { ...DEFAULT_SIGN_UP_LIMITS, ...options.limits };
  return {
    async attempt(clientAddress) {
      const { wait } = await hit(options.stores.log, `${SIGN_UP_KEY_PREFIX}address:${clientAddress}`, limits.perAddress).catch(() => {
        throw serviceUnavailable('Sign-up is paused: its rate limiter cannot be reached. Try again shortly.');
      });
      if (wait > 0) throw rateLimited(Math.ceil(wait / 1000));
    },
  };
}
