import type { AlertDeliveryResolvers, StockAlertResolvers } from '../generated/graphql';

export const StockAlert: StockAlertResolvers = {
  product: async (alert, _args, ctx) => {
    const product = await ctx.loaders.product.load(alert.productId);
    // Alerts cascade with their product, so this is a row deleted between two reads.
    if (!product) throw new Error(`product ${alert.productId} of stock alert ${alert.id} is gone`);
    return product;
  },
  open: (alert) => alert.resolvedAt === null,
  delivery: (alert) => alert,
};

export const AlertDelivery: AlertDeliveryResolvers = {
  // Nothing is sent without a webhook: say so instead of a PENDING that never moves.
  status: (alert, _args, ctx) => (alert.deliveryStatus === 'PENDING' && ctx.alertWebhookMissing ? 'NOT_CONFIGURED' : alert.deliveryStatus),
  // A DELIVERED or FAILED alert has no next attempt, whatever the column kept.
  nextAttemptAt: (alert) => (alert.deliveryStatus === 'PENDING' ? alert.nextAttemptAt : null),
};
