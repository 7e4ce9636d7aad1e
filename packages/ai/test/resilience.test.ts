import { AiError, CircuitBreaker, retryAfterMs, withRetry } from '../src';

const transient = () => new AiError('unavailable', 'down');

describe('retry-after', () => {
  it('reads seconds, an HTTP date and OpenAI’s retry-after-ms', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sun, 22 Nov 2026 12:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe('withRetry', () => {
  const noPause = { sleep: async () => undefined };

  it('doubles the pause for each retry, between half and all of it, capped', async () => {
    const pauses: number[] = [];
    const random = [0, 1, 0.5, 1];
    await expect(
      withRetry(() => Promise.reject(transient()), { retries: 4, baseDelayMs: 100, maxDelayMs: 500, maxRetryAfterMs: 1000 }, {
        random: () => random.shift()!,
        sleep: async (ms) => {
          pauses.push(ms);
        },
      }),
    ).rejects.toThrow('down');
    expect(pauses).toEqual([50, 200, 300, 500]);
  });

  it.each([
    ['an error that is not transient', 'rejected', 'no'],
    ['an open circuit', 'circuit_open', 'paused'],
  ] as const)('does not retry %s', async (_what, code, message) => {
    let attempts = 0;
    await expect(
      withRetry(() => {
        attempts++;
        return Promise.reject(new AiError(code, message));
      }, undefined, noPause),
    ).rejects.toThrow(message);
    expect(attempts).toBe(1);
  });
});

describe('CircuitBreaker', () => {
  it('needs consecutive failures: a success in between starts the count again', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3 });
    const fail = () => breaker.run(() => Promise.reject(transient())).catch(() => undefined);
    await fail();
    await fail();
    await breaker.run(async () => 'ok');
    await fail();
    await fail();
    expect(breaker.state).toBe('closed');
    await fail();
    expect(breaker.state).toBe('open');
  });
});
