import type { EventBus, EventMap, Topic } from '@bodega/events';

export interface CountingBus extends EventBus {
  /** Subscriptions held on the bus right now for `topic`, counted once the bus has confirmed them. */
  live(topic: Topic): number;
}

/**
 * The real bus, counting the subscriptions taken through it. graphql-ws does not acknowledge
 * a subscribe, so this is how a test knows the subgraph listens before it changes stock, and
 * whether an upstream subscription ended.
 */
export function countingBus(bus: EventBus): CountingBus {
  const live = new Map<Topic, number>();
  const change = (topic: Topic, by: number) => live.set(topic, (live.get(topic) ?? 0) + by);
  return {
    kind: bus.kind,
    publish: (topic, payload) => bus.publish(topic, payload),
    subscribe: async <T extends Topic>(topic: T, onEvent: (payload: EventMap[T]) => void) => {
      const unsubscribe = await bus.subscribe(topic, onEvent);
      change(topic, 1);
      let done = false;
      return () => {
        if (!done) change(topic, -1);
        done = true;
        unsubscribe();
      };
    },
    close: () => bus.close(),
    live: (topic) => live.get(topic) ?? 0,
  };
}
