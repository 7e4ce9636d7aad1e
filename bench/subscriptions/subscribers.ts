import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** graphql-transport-ws message types (graphql-ws `src/common.ts`), the ones this client sends or reads. */
export const MessageType = {
  ConnectionInit: 'connection_init',
  ConnectionAck: 'connection_ack',
  Ping: 'ping',
  Pong: 'pong',
  Subscribe: 'subscribe',
  Next: 'next',
  Error: 'error',
  Complete: 'complete',
} as const;

const SUBPROTOCOL = 'graphql-transport-ws';
/** Every socket carries exactly one subscription, always under this id. */
const SUBSCRIPTION_ID = '1';

export interface SubscriberPoolOptions {
  /** The gateway's GraphQL URL (http:// is turned into ws://). */
  url: string;
  query: string;
  /** Variables of subscriber `index`'s subscription. */
  variablesOf(index: number): Record<string, unknown>;
  /**
   * Called for every `next`, with when it arrived (performance.now(), taken before parsing)
   * and its payload. Keep it cheap: it runs in the load generator's only thread.
   */
  onNext(index: number, arrivedAt: number, payload: unknown): void;
}

/** What went wrong on the client side, counted rather than thrown so a run can report it. */
export interface PoolProblems {
  /** `error` messages for the subscription: the gateway refused it or the upstream failed. */
  subscriptionErrors: number;
  /** The server completed a subscription the bench did not end. */
  completed: number;
  /** Sockets that closed or failed while the bench still wanted them. */
  unexpectedCloses: number;
  /** Close codes and reasons of those, the first few. */
  closeReasons: string[];
  /** Messages that were not JSON or of a type this client does not expect. */
  badMessages: number;
}

interface Subscriber {
  index: number;
  socket: WebSocket;
  closing: boolean;
}

const MAX_REASONS = 5;

/**
 * N graphql-ws subscribers as bare `ws` sockets speaking the protocol directly: lighter than N
 * graphql-ws clients, so one load-generator process can hold 10,000 of them.
 */
export class SubscriberPool {
  readonly problems: PoolProblems = { subscriptionErrors: 0, completed: 0, unexpectedCloses: 0, closeReasons: [], badMessages: 0 };
  private readonly subscribers: Subscriber[] = [];
  private readonly wsUrl: string;

  constructor(private readonly options: SubscriberPoolOptions) {
    this.wsUrl = options.url.replace(/^http/, 'ws');
  }

  get size(): number {
    return this.subscribers.length;
  }

  /**
   * Opens `count` more sockets, `batchSize` at a time: each batch is connected, acknowledged
   * and subscribed before the next starts, so the handshakes don't all land at once.
   */
  async connect(count: number, batchSize: number, batchTimeoutMs: number): Promise<void> {
    const end = this.subscribers.length + count;
    while (this.subscribers.length < end) {
      const first = this.subscribers.length;
      const last = Math.min(end, first + batchSize);
      const batch: Array<Promise<void>> = [];
      for (let index = first; index < last; index++) batch.push(this.open(index));
      await withTimeout(
        Promise.all(batch),
        batchTimeoutMs,
        () => `subscribers ${first}-${last - 1} were not all acknowledged within ${batchTimeoutMs} ms`,
      );
    }
  }

  /** Closes every socket (normal closure), waiting at most `timeoutMs` before cutting the rest off. */
  async close(timeoutMs: number): Promise<void> {
    const closed = this.subscribers.map((subscriber) => {
      subscriber.closing = true;
      if (subscriber.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
      const done = new Promise<void>((resolve) => subscriber.socket.once('close', () => resolve()));
      subscriber.socket.close(1000, 'bench done');
      return done;
    });
    try {
      await withTimeout(Promise.all(closed), timeoutMs, () => 'sockets did not close');
    } catch {
      for (const { socket } of this.subscribers) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    }
    this.subscribers.length = 0;
  }

  /** Cuts every socket off at once, without a closing handshake: for failures. */
  terminate(): void {
    for (const subscriber of this.subscribers) {
      subscriber.closing = true;
      subscriber.socket.terminate();
    }
    this.subscribers.length = 0;
  }

  private open(index: number): Promise<void> {
    const socket = new WebSocket(this.wsUrl, SUBPROTOCOL, { perMessageDeflate: false });
    const subscriber: Subscriber = { index, socket, closing: false };
    this.subscribers.push(subscriber);
    const { onNext, query, variablesOf } = this.options;

    return new Promise<void>((resolve, reject) => {
      let acknowledged = false;
      socket.on('open', () => socket.send(JSON.stringify({ type: MessageType.ConnectionInit })));
      socket.on('message', (data, isBinary) => {
        const arrivedAt = performance.now();
        const message = parseMessage(data, isBinary);
        switch (message?.type) {
          case MessageType.Next:
            if (message.id === SUBSCRIPTION_ID) onNext(index, arrivedAt, message.payload);
            else this.problems.badMessages++;
            return;
          case MessageType.ConnectionAck:
            acknowledged = true;
            socket.send(
              JSON.stringify({ id: SUBSCRIPTION_ID, type: MessageType.Subscribe, payload: { query, variables: variablesOf(index) } }),
            );
            resolve();
            return;
          case MessageType.Ping:
            socket.send(JSON.stringify({ type: MessageType.Pong }));
            return;
          case MessageType.Pong:
            return;
          case MessageType.Error:
            this.problems.subscriptionErrors++;
            return;
          case MessageType.Complete:
            if (!subscriber.closing) this.problems.completed++;
            return;
          default:
            this.problems.badMessages++;
        }
      });
      socket.on('error', (error) => {
        if (!acknowledged) reject(error);
      });
      socket.on('close', (code, reason) => {
        if (!acknowledged) reject(new Error(`subscriber ${index} closed before connection_ack (${code} ${reason.toString()})`));
        if (subscriber.closing) return;
        this.problems.unexpectedCloses++;
        if (this.problems.closeReasons.length < MAX_REASONS) this.problems.closeReasons.push(`${code} ${reason.toString()}`.trim());
      });
    });
  }
}

interface ServerMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

function parseMessage(data: WebSocket.RawData, isBinary: boolean): ServerMessage | undefined {
  // ws hands text messages over as one Buffer (binaryType 'nodebuffer', its default).
  if (isBinary || !Buffer.isBuffer(data)) return undefined;
  try {
    const value: unknown = JSON.parse(data.toString('utf8'));
    if (typeof value !== 'object' || value === null || !('type' in value) || typeof value.type !== 'string') return undefined;
    const id = 'id' in value && typeof value.id === 'string' ? value.id : undefined;
    return { type: value.type, id, payload: 'payload' in value ? value.payload : undefined };
  } catch {
    return undefined;
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out: ${what()}.`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
