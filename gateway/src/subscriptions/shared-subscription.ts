import type { FormattedExecutionResult } from 'graphql';
import type { UpstreamSink } from './upstream';

/** Results are already formatted (masked) once per event, not once per subscriber. */
export interface Subscriber {
  push(result: FormattedExecutionResult): void;
  end(): void;
}

export interface SharedSource {
  /** Opens the primary fetch at the owning subgraph; returns how to stop it. */
  open(sink: UpstreamSink): () => void;
  /** Turns one primary result into the full, formatted result with other subgraphs' fields. Never rejects. */
  resolve(result: FormattedExecutionResult): Promise<FormattedExecutionResult>;
  /** The result subscribers get when the upstream subscription fails for good. */
  failure(error: unknown): FormattedExecutionResult;
  /** The result subscribers get when this gateway falls too far behind to catch up. */
  overloaded(): FormattedExecutionResult;
}

const DELIVERY_SLICE = 256;
/**
 * Events received but not yet written to every subscriber. Past this the gateway cannot keep
 * up with the event rate for this many subscribers: it ends them (they may reconnect, ideally
 * elsewhere) instead of holding ever more events in memory.
 */
const MAX_EVENTS_BEHIND = 500;

/**
 * Every client subscription with the same document, variables and authorization scope:
 * one upstream subscription, one resolution per event, the result written to each.
 * Resolutions may overlap, but results go out in the order events arrived.
 */
export class SharedSubscription {
  private readonly subscribers = new Set<Subscriber>();
  private stop?: () => void;
  private delivered: Promise<void> = Promise.resolve();
  private behind = 0;

  constructor(
    private readonly source: SharedSource,
    private readonly onIdle: () => void,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    this.stop ??= this.source.open({
      next: (result) => this.onEvent(result),
      error: (error) => {
        this.deliver(Promise.resolve(this.source.failure(error)));
        this.delivered = this.delivered.then(() => this.endAll());
      },
      complete: () => {
        this.delivered = this.delivered.then(() => this.endAll());
      },
    });
  }

  remove(subscriber: Subscriber): void {
    if (!this.subscribers.delete(subscriber) || this.subscribers.size > 0) return;
    this.stop?.();
    this.stop = undefined;
    this.onIdle();
  }

  private onEvent(primary: FormattedExecutionResult): void {
    if (this.behind >= MAX_EVENTS_BEHIND) return this.shed();
    this.deliver(this.source.resolve(primary));
  }

  private shed(): void {
    this.stop?.();
    const result = this.source.overloaded();
    for (const subscriber of this.detachAll()) {
      subscriber.push(result);
      subscriber.end();
    }
  }

  /**
   * Writing to thousands of sockets takes a while (about 24 µs each, measured): yield to
   * the event loop between slices so HTTP requests and other events are not held up.
   */
  private deliver(resolved: Promise<FormattedExecutionResult>): void {
    this.behind += 1;
    this.delivered = this.delivered.then(async () => {
      try {
        const result = await resolved;
        let written = 0;
        for (const subscriber of [...this.subscribers]) {
          subscriber.push(result);
          if (++written % DELIVERY_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        this.behind -= 1;
      }
    });
  }

  private endAll(): void {
    for (const subscriber of this.detachAll()) subscriber.end();
  }

  private detachAll(): Subscriber[] {
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    this.stop = undefined;
    this.onIdle();
    return subscribers;
  }
}
