import { requireRole, STAFF_ROLES } from '@bodega/auth';
import type { MutationResolvers } from '../generated/graphql';
import { createProduct, updateProduct } from '../services/products';
import { restockProduct, sellProduct } from '../services/stock';

export const Mutation: MutationResolvers = {
  createProduct: (_root, { input }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'create products');
    return createProduct(ctx, input);
  },
  updateProduct: (_root, { id, input }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'change products');
    return updateProduct(ctx, id, input);
  },
  sellProduct: (_root, { id, quantity }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'record sales');
    return sellProduct(ctx, id, quantity);
  },
  restockProduct: (_root, { id, quantity }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'restock products');
    return restockProduct(ctx, id, quantity);
  },
};
