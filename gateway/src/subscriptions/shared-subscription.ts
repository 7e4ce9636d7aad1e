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
}

/**
 * Every client subscription with the same document, variables and authorization scope:
 * one upstream subscription, one resolution per event, the result written to each.
 * Resolutions may overlap, but results go out in the order events arrived.
 */
export class SharedSubscription {
  private readonly subscribers = new Set<Subscriber>();
  private stop?: () => void;
  private delivered: Promise<void> = Promise.resolve();

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
    this.deliver(this.source.resolve(primary));
  }

  private deliver(resolved: Promise<FormattedExecutionResult>): void {
    this.delivered = this.delivered.then(async () => {
      const result = await resolved;
      for (const subscriber of this.subscribers) subscriber.push(result);
    });
  }

  private endAll(): void {
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    this.stop = undefined;
    this.onIdle();
    for (const subscriber of subscribers) subscriber.end();
  }
}
