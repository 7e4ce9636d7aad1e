import { useSubscription } from 'urql';
import type { OrderEventsSubscription as OrderEvents, OrderSummaryFragment } from '../graphql/generated/graphql';
import { OrderEventsSubscription } from './documents';

export type OrderEvent = OrderEvents['orderEvent'];

/** The newest state of each order seen on the event feed; an older update never overwrites a newer one. */
export function foldOrderEvent(previous: ReadonlyMap<string, OrderSummaryFragment> | undefined, event: OrderEvent): Map<string, OrderSummaryFragment> {
  const next = new Map(previous);
  const known = next.get(event.order.id);
  if (!known || Date.parse(event.order.updatedAt) >= Date.parse(known.updatedAt)) next.set(event.order.id, event.order);
  return next;
}

/** Orders as their events arrive (placed, status changes, cancellations) since the screen opened. */
export function useLiveOrders() {
  const [result] = useSubscription({ query: OrderEventsSubscription }, (previous: Map<string, OrderSummaryFragment> | undefined, data) =>
    foldOrderEvent(previous, data.orderEvent),
  );
  return { live: result.data ?? (new Map() as ReadonlyMap<string, OrderSummaryFragment>), error: result.error };
}

/**
 * The listed orders with their live state, plus orders placed since (newest first) when `includeNew`.
 * A list refetched after a change may be newer than an event: the later updatedAt wins.
 */
export function mergeOrders(listed: readonly OrderSummaryFragment[], live: ReadonlyMap<string, OrderSummaryFragment>, includeNew: boolean): OrderSummaryFragment[] {
  const ids = new Set(listed.map((order) => order.id));
  const merged = listed.map((order) => {
    const update = live.get(order.id);
    return update && Date.parse(update.updatedAt) >= Date.parse(order.updatedAt) ? update : order;
  });
  if (!includeNew) return merged;
  const added = [...live.values()].filter((order) => !ids.has(order.id)).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return [...added, ...merged];
}
