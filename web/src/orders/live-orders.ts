import { useSubscription } from 'urql';
import { useFragment } from '../graphql/generated';
import type { LiveOrderFragment as LiveOrder, OrderEventsSubscription as OrderEvents } from '../graphql/generated/graphql';
import { LiveOrderFragment, OrderEventsSubscription } from './documents';

export type { LiveOrder };
export type OrderEvent = OrderEvents['orderEvent'];

/** The newest state of each order seen on the event feed; an older update never overwrites a newer one. */
export function foldOrderEvent(previous: ReadonlyMap<string, LiveOrder> | undefined, event: OrderEvent): Map<string, LiveOrder> {
  // useFragment is the client preset's unmasking function: a plain function, not a React hook.
  const order = useFragment(LiveOrderFragment, event.order);
  const next = new Map(previous);
  const known = next.get(order.id);
  if (!known || Date.parse(order.updatedAt) >= Date.parse(known.updatedAt)) next.set(order.id, order);
  return next;
}

/** Orders as their events arrive (placed, status changes, cancellations) since the screen opened. */
export function useLiveOrders() {
  const [result] = useSubscription({ query: OrderEventsSubscription }, (previous: Map<string, LiveOrder> | undefined, data) =>
    foldOrderEvent(previous, data.orderEvent),
  );
  return { live: result.data ?? (new Map() as ReadonlyMap<string, LiveOrder>), error: result.error };
}

/**
 * The listed orders with their live state, plus orders placed since (newest first) when `includeNew`.
 * A list refetched after a change may be newer than an event: the later updatedAt wins.
 */
export function mergeOrders(listed: readonly LiveOrder[], live: ReadonlyMap<string, LiveOrder>, includeNew: boolean): LiveOrder[] {
  const ids = new Set(listed.map((order) => order.id));
  const merged = listed.map((order) => {
    const update = live.get(order.id);
    return update && Date.parse(update.updatedAt) >= Date.parse(order.updatedAt) ? update : order;
  });
  if (!includeNew) return merged;
  const added = [...live.values()].filter((order) => !ids.has(order.id)).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return [...added, ...merged];
}
