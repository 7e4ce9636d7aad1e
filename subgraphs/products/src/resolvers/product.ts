import type { CategoryResolvers, EnrichmentResolvers, ProductResolvers, StockMovementResolvers } from '../generated/graphql';
import { suggestionsOf } from '../services/enrichment-view';
import { priceOf } from '../services/money';
import { getProduct } from '../services/products';
import { listStockMovements } from '../services/stock-movements';

export const Product: ProductResolvers = {
  __resolveReference: (reference, ctx) => getProduct(ctx, reference.id),
  category: (product, _args, ctx) => (product.categoryId === null ? null : ctx.loaders.category.load(product.categoryId)),
  price: (product) => priceOf(product),
  lowStock: (product) => product.stock < product.lowStockThreshold,
  enrichment: (product) => product,
  categorySuggestions: (product, _args, ctx) => suggestionsOf(ctx, product),
  stockMovements: (product, args, ctx) => listStockMovements(ctx, product.id, args),
};

export const StockMovement: StockMovementResolvers = {
  stock: (movement) => movement.stockAfter,
  version: (movement) => movement.stockVersion,
  changedBy: (movement) => (movement.actorId ? { id: movement.actorId } : null),
};

export const Enrichment: EnrichmentResolvers = {
  status: (product) => product.enrichmentStatus,
  source: (product) => product.enrichmentSource,
  error: (product) => product.enrichmentError,
  confidence: (product) => product.categoryConfidence,
  categorySuggestions: (product, _args, ctx) => suggestionsOf(ctx, product),
  needsReview: (product) => product.needsReview,
  descriptionGenerated: (product) => product.descriptionGenerated,
  categoryGenerated: (product) => product.categoryGenerated,
};

export const Category: CategoryResolvers = {
  id: (category) => String(category.id),
  parent: (category, _args, ctx) => (category.parentId === null ? null : ctx.loaders.category.load(category.parentId)),
};
