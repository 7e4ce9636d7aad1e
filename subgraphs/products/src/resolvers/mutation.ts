import type { MutationResolvers } from '../generated/graphql';
import { createProduct, updateProduct } from '../services/products';
import { restockProduct, sellProduct } from '../services/stock';

export const Mutation: MutationResolvers = {
  createProduct: (_root, { input }, ctx) => createProduct(ctx, input),
  updateProduct: (_root, { id, input }, ctx) => updateProduct(ctx, id, input),
  sellProduct: (_root, { id, quantity }, ctx) => sellProduct(ctx, id, quantity),
  restockProduct: (_root, { id, quantity }, ctx) => restockProduct(ctx, id, quantity),
};
