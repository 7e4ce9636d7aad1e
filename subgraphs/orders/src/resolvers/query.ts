import type { QueryResolvers } from '../generated/graphql';
import { getOrder, listOrders } from '../services/order-list';
import { salesSummary } from '../services/sales-summary';

export const Query: QueryResolvers = {
  order: (_root, { id }, ctx) => getOrder(ctx, id),
  orders: (_root, args, ctx) => listOrders(ctx, args),
  salesSummary: (_root, args, ctx) => salesSummary(ctx, args),
};
