import type { Topic } from '@bodega/events';
import type { Deployment } from './federated-stack';
import { until } from './wait';

/** Waits until the products subgraph behind `deployment` holds `count` bus subscriptions to `topic`. */
export function untilListening(deployment: Pick<Deployment, 'events'>, topic: Topic, count: number, timeoutMs?: number): Promise<void> {
  return until(
    () => deployment.events.live(topic) === count,
    () => `${count} subscriptions to ${topic} on the bus (now ${deployment.events.live(topic)})`,
    timeoutMs,
  );
}

/** Waits until the gateway's subscription hub counts exactly these shared subscriptions and subscribers. */
export function untilHubHolds(deployment: Deployment, expected: { shared: number; subscribers: number }, timeoutMs?: number): Promise<void> {
  const stats = () => deployment.gateway.subscriptions.stats();
  return until(
    () => stats().shared === expected.shared && stats().subscribers === expected.subscribers,
    () => `the hub to hold ${JSON.stringify(expected)} (now ${JSON.stringify(stats())})`,
    timeoutMs,
  );
}
