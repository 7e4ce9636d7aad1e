import type { LowStockAlertEvent, StockAlertUpdatedEvent, StockChangedEvent } from '@bodega/events';
import type { LowStockAlertResolvers, StockChangeResolvers, SubscriptionResolvers } from '../generated/graphql';
import type { Context } from '../context';
import { lowStockAlerts, stockAlertUpdates, stockChanges } from '../services/live';

export const Subscription: SubscriptionResolvers = {
  stockChanged: {
    subscribe: (_root, { productId }, ctx) => stockChanges(ctx, productId),
    resolve: (event: StockChangedEvent) => event,
  },
  lowStockAlert: {
    subscribe: (_root, _args, ctx) => lowStockAlerts(ctx),
    resolve: (event: LowStockAlertEvent) => event,
  },
  stockAlertUpdated: {
    subscribe: (_root, _args, ctx) => stockAlertUpdates(ctx),
    // Read fresh: the event says only which alert changed.
    resolve: async (event: StockAlertUpdatedEvent, _args: unknown, ctx: Context) => {
      const alert = await ctx.loaders.stockAlert.clear(event.alertId).load(event.alertId);
      if (!alert) throw new Error(`stock alert ${event.alertId} vanished after it changed`);
      return alert;
    },
  },
};

// A subscription's context lives as long as the subscription: read the product fresh per event.
export const StockChange: StockChangeResolvers = {
  product: (event, _args, ctx) => ctx.loaders.product.clear(event.productId).load(event.productId).then(orMissing(event.productId)),
};

export const LowStockAlert: LowStockAlertResolvers = {
  kind: (event) => event.kind ?? 'LOW_STOCK',
  product: (event, _args, ctx) => ctx.loaders.product.clear(event.productId).load(event.productId).then(orMissing(event.productId)),
  alert: (event, _args, ctx) => ctx.loaders.stockAlert.clear(event.alertId).load(event.alertId),
};

function orMissing(productId: string) {
  return <T>(product: T | null): T => {
    if (!product) throw new Error(`product ${productId} vanished after its stock changed`);
    return product;
  };
}
