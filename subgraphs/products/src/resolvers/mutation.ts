import type { MutationResolvers } from '../generated/graphql';
import { regenerateEnrichment } from '../services/enrichment';
import { createProduct, updateProduct } from '../services/products';
import { releaseStock, reserveStock } from '../services/reservations';
import { setArchived } from '../services/archive';
import { adjustStock, restockProduct, sellProduct } from '../services/stock';
import { redeliverStockAlert } from '../services/stock-alerts';

export const Mutation: MutationResolvers = {
  reserveStock: (_root, args, ctx) => reserveStock(ctx, args),
  releaseStock: (_root, { orderId }, ctx) => releaseStock(ctx, orderId),
  createProduct: (_root, { input }, ctx) => createProduct(ctx, input),
  updateProduct: (_root, { id, input }, ctx) => updateProduct(ctx, id, input),
  regenerateEnrichment: (_root, { productId }, ctx) => regenerateEnrichment(ctx, productId),
  sellProduct: (_root, { id, quantity }, ctx) => sellProduct(ctx, id, quantity),
  restockProduct: (_root, { id, quantity }, ctx) => restockProduct(ctx, id, quantity),
  adjustStock: (_root, { id, ...input }, ctx) => adjustStock(ctx, id, input),
  archiveProduct: (_root, { id }, ctx) => setArchived(ctx, id, true),
  unarchiveProduct: (_root, { id }, ctx) => setArchived(ctx, id, false),
  redeliverStockAlert: (_root, { id }, ctx) => redeliverStockAlert(ctx, id),
};
