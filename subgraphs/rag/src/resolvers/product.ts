import type { ProductResolvers } from '../generated/graphql';
import { relatedDocuments } from '../services/related';

/** The field the rag subgraph contributes to the products subgraph's entity. */
export const Product: ProductResolvers = {
  __resolveReference: (reference) => reference,
  relatedDocuments: (product, args, ctx) => relatedDocuments(ctx, product, args),
};
