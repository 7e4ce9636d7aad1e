import type { FormattedExecutionResult } from 'graphql';
import type WebSocket from 'ws';
import type { Subscriber } from './shared-subscription';

/** WebSocket close codes of Bodega's own, beside graphql-ws's `CloseCode`. */
export const BodegaCloseCode = {
  /** The client reads slower than events arrive; it is cut off rather than let memory grow. */
  SlowConsumer: 4013,
} as const;

export interface BackpressureLimits {
  /** Results waiting for one socket, across its subscriptions. Default: 200. */
  maxQueuedPerSocket?: number;
  /** Bytes ws holds unsent for one socket. Default: 4 MiB. */
  maxBufferedBytes?: number;
}

/** What one socket has waiting, across all its subscriptions. */
class SocketBacklog {
  queued = 0;
  closed = false;
  /** The socket's subscriptions, let go of together when it is cut off. */
  readonly subscribers = new Set<QueuedSubscriber>();
  constructor(
    private readonly socket: WebSocket,
    private readonly limits: Required<BackpressureLimits>,
  ) {}

  add(count: number): void {
    this.queued += count;
    if (this.closed || count <= 0) return;
    if (this.queued > this.limits.maxQueuedPerSocket || this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.closed = true;
      this.socket.close(
        BodegaCloseCode.SlowConsumer,
        `Slow consumer: ${this.queued} events waiting; read faster or subscribe to less`,
      );
      // The close frame waits behind everything unsent until the client reads it (or ws's 30 s
      // close timeout): meanwhile the socket's subscriptions must hold and take nothing more.
      for (const subscriber of [...this.subscribers]) void subscriber.return();
    }
  }
}

const backlogs = new WeakMap<WebSocket, SocketBacklog>();

export function backlogOf(socket: WebSocket, limits: BackpressureLimits = {}): SocketBacklog {
  let backlog = backlogs.get(socket);
  if (!backlog) {
    backlog = new SocketBacklog(socket, {
      maxQueuedPerSocket: limits.maxQueuedPerSocket ?? 200,
      maxBufferedBytes: limits.maxBufferedBytes ?? 4 * 1024 * 1024,
    });
    backlogs.set(socket, backlog);
  }
  return backlog;
}

/** One client subscription: a bounded queue that graphql-ws reads as an async iterator. */
export class QueuedSubscriber implements Subscriber, AsyncIterableIterator<FormattedExecutionResult> {
  private readonly queue: FormattedExecutionResult[] = [];
  private reader?: (result: IteratorResult<FormattedExecutionResult>) => void;
  private finished = false;

  constructor(
    private readonly backlog: SocketBacklog,
    private readonly detach: (subscriber: QueuedSubscriber) => void,
  ) {
    backlog.subscribers.add(this);
  }

  push(result: FormattedExecutionResult): void {
    if (this.finished) return;
    if (this.backlog.closed) return void this.return(); // subscribed after the cut
    const reader = this.reader;
    if (reader) {
      this.reader = undefined;
      reader({ value: result, done: false });
      return;
    }
    this.queue.push(result);
    this.backlog.add(1);
  }

  end(): void {
    this.finished = true;
    const reader = this.reader;
    this.reader = undefined;
    reader?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<FormattedExecutionResult>> {
    const value = this.queue.shift();
    if (value) {
      this.backlog.add(-1);
      return Promise.resolve({ value, done: false });
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.reader = resolve;
    });
  }

  async return(): Promise<IteratorResult<FormattedExecutionResult>> {
    this.backlog.subscribers.delete(this);
    this.backlog.add(-this.queue.length);
    this.queue.length = 0;
    this.end();
    this.detach(this);
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
