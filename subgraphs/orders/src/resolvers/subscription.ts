import type { OrderEventPayload } from '@bodega/events';
import type { OrderEventResolvers, SubscriptionResolvers } from '../generated/graphql';
import { orderEvents } from '../services/order-events';

export const Subscription: SubscriptionResolvers = {
  orderEvent: {
    subscribe: (_root, _args, ctx) => orderEvents(ctx),
    resolve: (event: OrderEventPayload) => event,
  },
};

// A subscription's context lives as long as the subscription: read the order fresh per event.
export const OrderEvent: OrderEventResolvers = {
  order: async (event, _args, ctx) => {
    const order = await ctx.loaders.order.clear(event.orderId).load(event.orderId);
    if (!order) throw new Error(`order ${event.orderId} vanished after its event`);
    return order;
  },
};
