import { STAFF_ROLES, requireRole } from '@bodega/auth';
import { inVersionOrder, Topic, topicStream, type LowStockAlertEvent, type StockAlertUpdatedEvent, type StockChangedEvent } from '@bodega/events';
import type { Context } from '../context';
import { isUuid } from '@bodega/db';

/**
 * Stock changes as they commit, in commit order per product (events carry the
 * product's stock version; see inVersionOrder), optionally for one product only.
 */
export async function stockChanges(ctx: Context, productId?: string | null): Promise<AsyncIterableIterator<StockChangedEvent>> {
  // Start after the version each product has now: otherwise, when its next two changes arrive
  // swapped, the later one would set the start and the earlier would be dropped. A product made
  // after this read starts at its first change (version 1).
  const startAt = productId ? await oneProductStart(ctx, productId) : await everyProductStart(ctx);
  return topicStream(ctx.events, Topic.StockChanged, (emit) => {
    const ordered = inVersionOrder<StockChangedEvent>((event) => event.productId, emit, { startAt });
    return {
      push: (event) => {
        if (!productId || event.productId === productId) ordered.push(event);
      },
      close: () => ordered.close(),
    };
  }, dropLogged(ctx, Topic.StockChanged));
}

/** A reader this far behind is a bug or an overload: say so rather than lose events silently. */
function dropLogged(ctx: Context, topic: string) {
  return { onDrop: () => ctx.log.warn({ topic }, 'subscription reader too slow: oldest event dropped') };
}

async function oneProductStart(ctx: Context, productId: string): Promise<(key: string) => number | undefined> {
  if (!isUuid(productId)) return () => undefined;
  const product = await ctx.prisma.product.findUnique({ where: { id: productId }, select: { stockVersion: true } });
  const start = product ? product.stockVersion + 1 : undefined;
  return (key) => (key === productId ? start : undefined);
}

/** One read per upstream subscription (the gateway shares it among every client asking the same). */
async function everyProductStart(ctx: Context): Promise<(key: string) => number> {
  const rows = await ctx.prisma.product.findMany({ select: { id: true, stockVersion: true } });
  const next = new Map(rows.map((row) => [row.id, row.stockVersion + 1]));
  return (key) => next.get(key) ?? 1;
}

/**
 * Alerts as they arrive. Not through inVersionOrder: an alert carries the version of the change
 * that caused it, so a product's alerts are never consecutive and each would wait out maxWaitMs.
 */
export function lowStockAlerts(ctx: Context): AsyncIterableIterator<LowStockAlertEvent> {
  requireRole(ctx.identity, STAFF_ROLES, 'receive low-stock alerts');
  // The contract's lowStockAlert is the threshold crossing; out of stock is its own alert, streamed
  // by stockAlertUpdated (the topic carries both so the delivery worker wakes for either).
  return topicStream(
    ctx.events,
    Topic.LowStockAlert,
    (emit) => ({ push: (event) => (event.kind === 'OUT_OF_STOCK' ? undefined : emit(event)) }),
    dropLogged(ctx, Topic.LowStockAlert),
  );
}

/** Alerts as they open, resolve and get delivered, for the alerts page (instead of polling). */
export function stockAlertUpdates(ctx: Context): AsyncIterableIterator<StockAlertUpdatedEvent> {
  requireRole(ctx.identity, STAFF_ROLES, 'follow stock alerts');
  return topicStream(ctx.events, Topic.StockAlertUpdated, (emit) => ({ push: emit }), dropLogged(ctx, Topic.StockAlertUpdated));
}
