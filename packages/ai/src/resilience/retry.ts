import { AiError, isAiError } from '../provider';

export interface RetryPolicy {
  /** Tries after the first one, for timeouts, 429 and 5xx only. Default: 2. */
  retries: number;
  /** Pause before the first retry; it doubles for each one after (with jitter). Default: 500 ms. */
  baseDelayMs: number;
  /** The longest backoff pause. Default: 8,000 ms. */
  maxDelayMs: number;
  /**
   * The longest `retry-after` honoured. A server asking for a longer pause gets no retry: the
   * call fails now, with the server's answer, rather than holding the request. Default: 30,000 ms.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

export interface RetryHooks {
  /** Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Default: Math.random; jitter only. */
  random?: () => number;
  /** Called before each pause, e.g. to log it. */
  onRetry?: (info: { attempt: number; delayMs: number; error: AiError }) => void;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails with an error that is not transient, or has been retried
 * `policy.retries` times. A 429 waits exactly what its retry-after asked; other transient failures
 * back off exponentially (base × 2^n, between half and all of it, capped).
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? sleepFor;
  const random = hooks.random ?? Math.random;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n + 1);
    } catch (error) {
      if (!isAiError(error) || !error.transient || n >= policy.retries) throw error;
      let delayMs: number;
      if (error.kind === 'rate_limited' && error.retryAfterMs !== undefined) {
        if (error.retryAfterMs > policy.maxRetryAfterMs) throw error;
        delayMs = error.retryAfterMs;
      } else {
        const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n);
        delayMs = Math.round(exponential * (0.5 + random() / 2));
      }
      hooks.onRetry?.({ attempt: n + 1, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/**
 * A retry-after header as milliseconds: `retry-after-ms` (OpenAI's), or `retry-after` in seconds
 * or as an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Pick<Headers, 'get'> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const millis = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(millis) && millis >= 0) return millis;
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
