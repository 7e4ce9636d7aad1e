import type { MutationResolvers } from '../generated/graphql';
import { placeOrder } from '../services/place-order';
import { cancelOrder, setOrderStatus } from '../services/transitions';

export const Mutation: MutationResolvers = {
  placeOrder: (_root, { input }, ctx) => placeOrder(ctx, input),
  cancelOrder: (_root, { id }, ctx) => cancelOrder(ctx, id),
  setOrderStatus: (_root, { id, status }, ctx) => setOrderStatus(ctx, id, status),
};
