import { AiError, isAiError } from '../provider';

export interface BreakerOptions {
  /** Consecutive failed calls (timeouts, 429, 5xx, unreachable) that open the circuit. Default: 5. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one trial call through. Default: 60,000 ms. */
  openMs: number;
  /** Names the service in errors. Default: "the AI provider". */
  service: string;
  /** Default: Date.now. */
  now?: () => number;
}

export const DEFAULT_BREAKER: Omit<BreakerOptions, 'now'> = { failureThreshold: 5, openMs: 60_000, service: 'the AI provider' };

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * Stops calling a service that keeps failing. Closed: calls go through and consecutive failures are
 * counted. At the threshold it opens: calls fail at once with `circuit_open` for `openMs`. Then it is
 * half-open: exactly one trial call goes through (others still fail at once); its success closes the
 * circuit, its failure opens it for another `openMs`.
 *
 * Only transient failures count: a service that answers, even with a refusal or a bad answer, is up.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private current: BreakerState = 'closed';
  private trialInFlight = false;
  private readonly now: () => number;
  private readonly options: Omit<BreakerOptions, 'now'>;

  constructor(options: Partial<BreakerOptions> = {}) {
    const { now, ...rest } = options;
    this.options = { ...DEFAULT_BREAKER, ...rest };
    this.now = now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.openMs) return 'half-open';
    return this.current;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) throw this.refusal();
    const trial = state === 'half-open';
    if (trial) {
      this.current = 'half-open';
      this.trialInFlight = true;
    }
    try {
      const result = await call();
      this.succeeded();
      return result;
    } catch (error) {
      if (isAiError(error) && error.transient) this.failed(trial);
      else this.succeeded();
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  private succeeded(): void {
    this.failures = 0;
    this.current = 'closed';
  }

  private failed(trial: boolean): void {
    this.failures += 1;
    if (trial || this.failures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
  }

  private refusal(): AiError {
    const seconds = Math.max(1, Math.ceil((this.openedAt + this.options.openMs - this.now()) / 1000));
    const when = this.trialInFlight ? 'a trial call is in flight' : `next try in ${seconds} s`;
    return new AiError('circuit_open', `${this.options.service} kept failing; calls are paused (${when}).`);
  }
}
