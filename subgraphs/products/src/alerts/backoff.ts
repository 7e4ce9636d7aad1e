/** Exponential backoff bounds: the wait before attempt n+1 is at most min(maxMs, baseMs * 2^(n-1)). */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * "Full jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"): a uniformly random wait
 * up to the exponential cap, so many alerts failing together do not retry in lockstep.
 * `attempt` is the attempt that just failed, from 1.
 */
export function retryDelayMs(attempt: number, { baseMs, maxMs }: Backoff, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

/**
 * The wait before the next attempt. A receiver that answered with Retry-After knows when it will
 * be back better than a guess: its wait is used as given (no jitter), but never past `maxMs`, so
 * a receiver asking for a day cannot park an alert beyond the longest backoff.
 */
export function nextAttemptDelayMs(
  attempt: number,
  backoff: Backoff,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(backoff.maxMs, Math.max(0, Math.ceil(retryAfterMs)));
  return retryDelayMs(attempt, backoff, random);
}
