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
