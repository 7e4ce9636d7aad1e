import { PubSub } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import type { Logger } from '@bodega/logger';
import type { EventMap, Topic } from './events';

export type Unsubscribe = () => void;

export interface EventBus {
  readonly kind: 'redis' | 'in-process';
  publish<T extends Topic>(topic: T, payload: EventMap[T]): Promise<void>;
  subscribe<T extends Topic>(topic: T, onEvent: (payload: EventMap[T]) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}

interface PubSubLike {
  publish(trigger: string, payload: unknown): Promise<void>;
  subscribe(trigger: string, onMessage: (payload: never) => void): Promise<number>;
  unsubscribe(subId: number): void;
}

class PubSubEventBus implements EventBus {
  constructor(
    readonly kind: EventBus['kind'],
    private readonly pubsub: PubSubLike,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  publish<T extends Topic>(topic: T, payload: EventMap[T]): Promise<void> {
    return this.pubsub.publish(topic, payload);
  }

  async subscribe<T extends Topic>(topic: T, onEvent: (payload: EventMap[T]) => void): Promise<Unsubscribe> {
    const id = await this.pubsub.subscribe(topic, onEvent as (payload: never) => void);
    return () => this.pubsub.unsubscribe(id);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

export interface EventBusOptions {
  /** Redis connection string; without it events stay inside this process. */
  redisUrl?: string;
  log: Logger;
}

/** Redis pub/sub when REDIS_URL is set, otherwise an in-process bus (embedded default). */
export function createEventBus({ redisUrl, log }: EventBusOptions): EventBus {
  if (!redisUrl) return new PubSubEventBus('in-process', new PubSub() as unknown as PubSubLike);
  const connect = (role: string) => {
    const client = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    client.on('error', (err) => log.warn({ err, role }, 'redis connection error'));
    return client;
  };
  const publisher = connect('publisher');
  const subscriber = connect('subscriber');
  const pubsub = new RedisPubSub({ publisher, subscriber });
  const subscriberReady = new Promise<void>((resolve) => {
    if (subscriber.status === 'ready') resolve();
    else subscriber.once('ready', () => resolve());
  });
  // A fresh bus's first subscription, queued while its connection was still connecting,
  // sometimes never delivered (3 of 8 test runs; 0 of 10 once subscriptions wait for ready).
  const ready: PubSubLike = {
    publish: (trigger, payload) => pubsub.publish(trigger, payload),
    subscribe: async (trigger, onMessage) => {
      await subscriberReady;
      return pubsub.subscribe(trigger, onMessage);
    },
    unsubscribe: (id) => pubsub.unsubscribe(id),
  };
  return new PubSubEventBus('redis', ready, async () => {
    await pubsub.close();
  });
}
