import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { adminBearer } from './auth';

export interface Received<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** A graphql-ws client for a server's /graphql URL. */
/** As an ADMIN unless `connectionParams` are given. */
export function wsClient(httpUrl: string, options: { connectionParams?: Record<string, unknown> } = {}): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: async () => options.connectionParams ?? { authorization: await adminBearer() },
  });
}

/** Subscribes and records every result; `next(n)` waits until n results arrived. */
export function record<T = Record<string, any>>(client: Client, query: string, variables?: Record<string, unknown>) {
  const results: Array<Received<T>> = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let ended: unknown;
  let started = false;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        results.push(result as Received<T>);
        for (const waiter of waiters.filter((w) => results.length >= w.count)) waiter.resolve();
      },
      error: (error) => {
        ended = error;
      },
      complete: () => {
        ended ??= 'complete';
      },
    },
  );
  return {
    results,
    get ended() {
      return ended;
    },
    /** Resolves once `count` results have arrived (in total), or rejects after `timeoutMs`. */
    until(count: number, timeoutMs = 5000): Promise<Array<Received<T>>> {
      if (results.length >= count) return Promise.resolve(results);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${results.length} of ${count} results: ${JSON.stringify(results)}`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(results)) });
      });
    },
    started: () => started || ((started = true), Promise.resolve()),
    dispose,
  };
}
