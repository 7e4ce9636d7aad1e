import type { ProductResolvers, UserResolvers } from '../generated/graphql';
import { ordersOfUser } from '../services/order-list';

/** Fields the orders subgraph contributes to other subgraphs' entities. */
export const Product: ProductResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  sales: (product, _args, ctx) => ctx.loaders.sales.load(product.id),
};

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  orders: (user, args, ctx) => ordersOfUser(ctx, user.id, args),
};
