import type { QueryResolvers } from '../generated/graphql';
import { getCategory, searchCategories } from '../services/categories';
import { listProducts } from '../services/product-list';
import { getProduct } from '../services/products';
import { listStockAlerts } from '../services/stock-alerts';

export const Query: QueryResolvers = {
  product: (_root, { id }, ctx) => getProduct(ctx, id),
  products: (_root, args, ctx) => listProducts(ctx, args),
  category: (_root, { id }, ctx) => getCategory(ctx, id),
  categories: (_root, args, ctx) => searchCategories(ctx, args),
  stockAlerts: (_root, args, ctx) => listStockAlerts(ctx, args),
};
