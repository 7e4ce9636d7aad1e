import { useSubscription } from 'urql';
import type { StockFeedSubscription as StockFeed } from '../graphql/generated/graphql';
import { StockFeedSubscription } from './documents';

export type StockChange = StockFeed['stockChanged'];

export interface LiveStock {
  stock: number;
  version: number;
  delta: number;
  reason: StockChange['reason'];
  at: string;
}

/** Folds a stock change into the latest stock per product; an older version never overwrites a newer one. */
export function foldStockChange(previous: ReadonlyMap<string, LiveStock> | undefined, change: StockChange): Map<string, LiveStock> {
  const next = new Map(previous);
  const known = next.get(change.product.id);
  if (!known || change.version > known.version) {
    next.set(change.product.id, { stock: change.stock, version: change.version, delta: change.delta, reason: change.reason, at: change.occurredAt });
  }
  return next;
}

/** Stock as it changes, for every product, from the moment the screen opened (stockChanged with no productId). */
export function useLiveStock() {
  const [result] = useSubscription({ query: StockFeedSubscription }, (previous: Map<string, LiveStock> | undefined, data) =>
    foldStockChange(previous, data.stockChanged),
  );
  return { live: result.data ?? (new Map() as ReadonlyMap<string, LiveStock>), error: result.error };
}
