import { requireRole, requireService, STAFF_ROLES } from '@bodega/auth';
import type { MutationResolvers } from '../generated/graphql';
import { regenerateEnrichment } from '../services/enrichment';
import { createProduct, updateProduct } from '../services/products';
import { releaseStock, reserveStock } from '../services/reservations';
import { restockProduct, sellProduct } from '../services/stock';
import { redeliverStockAlert } from '../services/stock-alerts';

export const Mutation: MutationResolvers = {
  reserveStock: (_root, args, ctx) => {
    requireService(ctx.identity, 'take stock for orders');
    return reserveStock(ctx, args);
  },
  releaseStock: (_root, { orderId }, ctx) => {
    requireService(ctx.identity, 'return stock of orders');
    return releaseStock(ctx, orderId);
  },
  createProduct: (_root, { input }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'create products');
    return createProduct(ctx, input);
  },
  updateProduct: (_root, { id, input }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'change products');
    return updateProduct(ctx, id, input);
  },
  regenerateEnrichment: (_root, { productId }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'regenerate product descriptions and categories');
    return regenerateEnrichment(ctx, productId);
  },
  sellProduct: (_root, { id, quantity }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'record sales');
    return sellProduct(ctx, id, quantity);
  },
  restockProduct: (_root, { id, quantity }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'restock products');
    return restockProduct(ctx, id, quantity);
  },
  redeliverStockAlert: (_root, { id }, ctx) => {
    requireRole(ctx.identity, STAFF_ROLES, 'redeliver low-stock alerts');
    return redeliverStockAlert(ctx, id);
  },
};
