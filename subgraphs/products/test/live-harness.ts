import { adminBearer, gatewayConnectionParams, signedAsGateway, testInternal, testTokens } from '@bodega/testing/auth';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, type EventBus, type EventMap, type Topic } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import type { RunningServer } from '@bodega/server-kit';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { startProductsSubgraph } from '../src/server';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface GraphQLResult<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A live subscription over its own graphql-ws connection, collecting what arrives. */
export interface LiveSubscription<T> {
  readonly results: GraphQLResult<T>[];
  /** Resolves with the results once `count` match `accept`; fails after `timeoutMs`. */
  waitFor(count: number, accept?: (result: GraphQLResult<T>) => boolean, timeoutMs?: number): Promise<GraphQLResult<T>[]>;
  /** Closes the connection, as a browser tab going away would. */
  close(): Promise<void>;
}

export interface LiveSubgraph {
  prisma: PrismaClient;
  /** The server's bus, for publishing what a racing publisher could. */
  events: EventBus;
  /** Bus subscriptions the server holds right now, per topic. */
  liveSubscriptions(topic: Topic): number;
  /** Waits until the server holds exactly `count` bus subscriptions to `topic` (graphql-ws does not acknowledge a subscribe). */
  untilLive(topic: Topic, count: number): Promise<void>;
  http<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  subscribe<T>(query: string, variables?: Record<string, unknown>): LiveSubscription<T>;
  close(): Promise<void>;
}

/**
 * The real bus, counting the subscriptions taken through it, so a test can tell when
 * the server's subscription is in place and whether closing a client ended it.
 */
function countingBus(bus: EventBus) {
  const live = new Map<Topic, number>();
  const counted: EventBus = {
    kind: bus.kind,
    publish: (topic, payload) => bus.publish(topic, payload),
    subscribe: async <T extends Topic>(topic: T, onEvent: (payload: EventMap[T]) => void) => {
      const unsubscribe = await bus.subscribe(topic, onEvent);
      live.set(topic, (live.get(topic) ?? 0) + 1);
      return () => {
        live.set(topic, (live.get(topic) ?? 0) - 1);
        unsubscribe();
      };
    },
    close: () => bus.close(),
  };
  return { counted, live: (topic: Topic) => live.get(topic) ?? 0 };
}

async function until(condition: () => boolean, what: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The products subgraph over HTTP and graphql-ws on a free port, with its own database. */
export async function startLiveSubgraph(options: { redis: boolean }): Promise<LiveSubgraph> {
  const db: TestDatabase = await createTestDatabase();
  const log = createLogger('products-live-test', 'silent');
  const prisma = createPrismaClient(db.url, { maxConnections: 10 });
  const { counted, live } = countingBus(createEventBus({ redisUrl: options.redis ? REDIS_URL : undefined, log }));
  const server: RunningServer = await startProductsSubgraph({ prisma, events: counted, log, tokens: testTokens, internal: testInternal }, { port: 0 });
  const wsUrl = server.url.replace(/^http/, 'ws');
  const clients = new Set<Client>();

  const subscribe = <T>(query: string, variables?: Record<string, unknown>): LiveSubscription<T> => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: async () => gatewayConnectionParams(wsUrl, { authorization: await adminBearer() }),
    });
    clients.add(client);
    const results: GraphQLResult<T>[] = [];
    let ended: string | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (result) => results.push(result as GraphQLResult<T>),
        error: (error) => (ended = `failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`),
        complete: () => (ended = 'completed'),
      },
    );
    return {
      results,
      waitFor: async (count, accept = () => true, timeoutMs = 10_000) => {
        const matching = () => results.filter(accept);
        await until(
          () => ended !== undefined || matching().length >= count,
          () => `${count} results, got ${JSON.stringify(matching())}`,
          timeoutMs,
        );
        if (matching().length < count) throw new Error(`subscription ${ended} after ${JSON.stringify(results)}`);
        return matching();
      },
      close: async () => {
        clients.delete(client);
        await client.dispose();
      },
    };
  };

  return {
    prisma,
    events: counted,
    liveSubscriptions: live,
    untilLive: (topic, count) => until(() => live(topic) === count, () => `${count} subscriptions to ${topic}, got ${live(topic)}`),
    http: async <T>(query: string, variables?: Record<string, unknown>) => {
      const body = JSON.stringify({ query, variables });
      const response = await fetch(server.url, {
        method: 'POST',
        headers: signedAsGateway(server.url, body, { authorization: await adminBearer() }),
        body,
      });
      return (await response.json()) as GraphQLResult<T>;
    },
    subscribe,
    close: async () => {
      await Promise.all([...clients].map((client) => client.dispose()));
      await server.close();
      await Promise.all([prisma.$disconnect(), counted.close()]);
      await db.drop();
    },
  };
}
