import type { LowStockAlertEvent, StockChangedEvent } from '@bodega/events';
import type { LowStockAlertResolvers, StockChangeResolvers, SubscriptionResolvers } from '../generated/graphql';
import { lowStockAlerts, stockChanges } from '../services/live';

export const Subscription: SubscriptionResolvers = {
  stockChanged: {
    subscribe: (_root, { productId }, ctx) => stockChanges(ctx, productId),
    resolve: (event: StockChangedEvent) => event,
  },
  lowStockAlert: {
    subscribe: (_root, _args, ctx) => lowStockAlerts(ctx),
    resolve: (event: LowStockAlertEvent) => event,
  },
};

// A subscription's context lives as long as the subscription: read the product fresh per event.
export const StockChange: StockChangeResolvers = {
  product: (event, _args, ctx) => ctx.loaders.product.clear(event.productId).load(event.productId).then(orMissing(event.productId)),
};

export const LowStockAlert: LowStockAlertResolvers = {
  product: (event, _args, ctx) => ctx.loaders.product.clear(event.productId).load(event.productId).then(orMissing(event.productId)),
  alert: (event, _args, ctx) => ctx.loaders.stockAlert.clear(event.alertId).load(event.alertId),
};

function orMissing(productId: string) {
  return <T>(product: T | null): T => {
    if (!product) throw new Error(`product ${productId} vanished after its stock changed`);
    return product;
  };
}
