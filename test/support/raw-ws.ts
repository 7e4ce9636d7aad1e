import type { Socket } from 'node:net';
import { adminBearer } from './auth';
import WebSocket from 'ws';

/** A graphql-transport-ws message as it crosses the wire. */
export interface WireMessage {
  type: string;
  id?: string;
  payload?: any;
}

export interface RawSocket {
  readonly messages: WireMessage[];
  /** Resolves with the close code and reason, whoever closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: WireMessage): void;
  /** Sends connection_init (as an ADMIN unless given a payload) and waits for connection_ack. */
  init(payload?: Record<string, unknown>): Promise<void>;
  /** Resolves with the first message (received so far or later) that `accept`s, or rejects after `timeoutMs`. */
  next(accept: (message: WireMessage) => boolean, timeoutMs?: number): Promise<WireMessage>;
  /** Stops reading from TCP: the kernel's buffers fill and the server's writes back up, as with a stalled client. */
  stopReading(): void;
  resumeReading(): void;
  close(): Promise<void>;
}

/**
 * A WebSocket speaking graphql-transport-ws by hand, for what a well-behaved client
 * (graphql-ws's own) never does: skip connection_init, stop reading, send raw frames.
 */
export async function rawSocket(httpUrl: string): Promise<RawSocket> {
  const ws = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  let tcp: Socket | undefined;
  // The upgrade response carries the TCP socket itself: pausing it stops reads at the
  // kernel, where ws's own pause() would stop only its event emission.
  ws.once('upgrade', (response) => {
    tcp = response.socket;
  });
  const messages: WireMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as WireMessage);
    for (const waiter of waiters) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => {
      resolve({ code, reason: String(reason) });
      for (const waiter of waiters) waiter();
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  const next: RawSocket['next'] = (accept, timeoutMs = 5000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.find(accept);
        if (!found && ws.readyState !== WebSocket.CLOSED) return;
        clearTimeout(timer);
        waiters.delete(check);
        if (found) resolve(found);
        else reject(new Error(`socket closed before the message arrived; got ${JSON.stringify(messages)}`));
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no such message within ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 2000)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    messages,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    init: async (payload) => {
      ws.send(JSON.stringify({ type: 'connection_init', payload: payload ?? { authorization: await adminBearer() } }));
      await next((message) => message.type === 'connection_ack');
    },
    next,
    stopReading: () => tcp?.pause(),
    resumeReading: () => tcp?.resume(),
    close: async () => {
      if (ws.readyState === WebSocket.CLOSED) return;
      tcp?.resume();
      ws.terminate();
      await closed;
    },
  };
}
