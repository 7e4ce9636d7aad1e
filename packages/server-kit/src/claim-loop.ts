import type { Unsubscribe } from '@bodega/events';

export interface ClaimLoopOptions<T> {
  /** Items run at once, at most. */
  concurrency: number;
  /** How long the loop sleeps when nothing woke it. */
  pollIntervalMs: number;
  /** Leases up to `room` due items (SKIP LOCKED); a throw is passed to `claimFailed` and retried at the next poll. */
  claim(room: number): Promise<T[]>;
  /** Works one claimed item; it is tracked until it settles, and its end wakes the loop. */
  run(item: T): Promise<void>;
  claimFailed(err: unknown): void;
  /** True once items claimed now must be left to their leases (the worker was stopped or killed mid-claim). */
  abandoned(): boolean;
  /** Subscribes to what should wake the loop at once (an event); the loop unsubscribes when it halts. */
  subscribe(wake: () => void): Promise<Unsubscribe>;
}

/**
 * The loop of an outbox or queue worker, shared by every subgraph that runs one: claim as many
 * due items as there is room for, run them off the request path, and claim again when one ends,
 * when `wake()` is called, when the subscribed event arrives or at the next poll. Any number of
 * loops in any number of processes can share one database: claims are leases.
 */
export class ClaimLoop<T> {
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private ticking: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: Unsubscribe | undefined;

  constructor(private readonly options: ClaimLoopOptions<T>) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Items being run now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Neither claiming nor running anything at this moment. */
  get idle(): boolean {
    return !this.ticking && this.inFlight.size === 0;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = await this.options.subscribe(() => this.wake());
    this.wake();
  }

  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
      if (this.running) this.schedule();
    });
  }

  /** Stops claiming; resolves `settled` once the claim and the items in flight end, or `timeout` after `graceMs`. */
  async stop(graceMs: number): Promise<'settled' | 'timeout'> {
    this.halt();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const result = await Promise.race([this.settled().then(() => 'settled' as const), grace]);
    clearTimeout(timer);
    return result;
  }

  /** Resolves once the current claim and every item in flight have ended. */
  async settled(): Promise<void> {
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Stops claiming at once; items in flight keep running unless their owner aborts them. */
  halt(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    do {
      this.again = false;
      const room = this.options.concurrency - this.inFlight.size;
      if (room <= 0) return; // an item that ends wakes the loop
      let claimed: T[];
      try {
        claimed = await this.options.claim(room);
      } catch (err) {
        this.again = false;
        if (!this.options.abandoned()) this.options.claimFailed(err);
        return;
      }
      if (this.options.abandoned()) return; // the leases will run out
      for (const item of claimed) this.track(this.options.run(item));
      if (claimed.length === room) this.again = true; // there may be more due
    } while (this.again && this.running);
  }

  private track(run: Promise<void>): void {
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      this.wake();
    });
  }
}
