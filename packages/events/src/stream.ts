import type { EventBus } from './bus';
import type { EventMap, Topic } from './events';

export interface StreamOptions {
  /** Events held for a slow reader before the oldest are dropped. Default: 1000. */
  highWaterMark?: number;
  /** Called for each event dropped that way, so the loss is seen (logged) rather than silent. */
  onDrop?: () => void;
}

/**
 * An event bus topic as an AsyncIterableIterator, for GraphQL subscription resolvers.
 * `transform` may filter (return undefined) or reorder; the subscription to the bus
 * ends when the consumer stops iterating.
 */
export function topicStream<T extends Topic, Out = EventMap[T]>(
  bus: EventBus,
  topic: T,
  transform: (emit: (value: Out) => void) => { push(event: EventMap[T]): void; close?(): void },
  options: StreamOptions = {},
): AsyncIterableIterator<Out> {
  const highWaterMark = options.highWaterMark ?? 1000;
  const buffer: Out[] = [];
  const readers: Array<(result: IteratorResult<Out>) => void> = [];
  let done = false;
  const emit = (value: Out) => {
    if (done) return;
    const reader = readers.shift();
    if (reader) return reader({ value, done: false });
    buffer.push(value);
    if (buffer.length > highWaterMark) {
      buffer.shift();
      options.onDrop?.();
    }
  };
  const pipeline = transform(emit);
  const unsubscribe = bus.subscribe(topic, (event) => pipeline.push(event));

  const finish = async (): Promise<IteratorResult<Out>> => {
    if (!done) {
      done = true;
      pipeline.close?.();
      (await unsubscribe)();
      for (const reader of readers.splice(0)) reader({ value: undefined, done: true });
    }
    return { value: undefined, done: true };
  };

  return {
    next: () => {
      if (buffer.length > 0) return Promise.resolve({ value: buffer.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => readers.push(resolve));
    },
    return: finish,
    throw: async (error) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
