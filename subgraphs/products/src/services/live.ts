import { inVersionOrder, Topic, topicStream, type LowStockAlertEvent, type StockChangedEvent } from '@bodega/events';
import type { Context } from '../context';

/**
 * Stock changes as they commit, in commit order per product (events carry the
 * product's stock version; see inVersionOrder), optionally for one product only.
 */
export function stockChanges(ctx: Context, productId?: string | null): AsyncIterableIterator<StockChangedEvent> {
  return topicStream(ctx.events, Topic.StockChanged, (emit) =>
    inVersionOrder<StockChangedEvent>(
      (event) => event.productId,
      (event) => {
        if (!productId || event.productId === productId) emit(event);
      },
    ),
  );
}

/**
 * Alerts as they arrive. Not through inVersionOrder: an alert carries the version of the change
 * that caused it, so a product's alerts are never consecutive and each would wait out maxWaitMs.
 */
export function lowStockAlerts(ctx: Context): AsyncIterableIterator<LowStockAlertEvent> {
  return topicStream(ctx.events, Topic.LowStockAlert, (emit) => ({ push: emit }));
}
