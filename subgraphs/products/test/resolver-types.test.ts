import type { MutationResolvers, QueryResolvers } from '../src/generated/graphql';
import { resolvers } from '../src/resolvers';

// Compile-time checks, enforced by `npm run typecheck`: a root field without a resolver does not compile.
// @ts-expect-error products, category and categories are missing
const incompleteQuery: QueryResolvers = { product: () => null };
// @ts-expect-error restockProduct, sellProduct and updateProduct are missing
const incompleteMutation: MutationResolvers = { createProduct: () => Promise.reject(new Error('unused')) };

describe('typed resolvers', () => {
  it('implement every root field of the products schema', () => {
    expect(Object.keys(resolvers.Query ?? {}).sort()).toEqual(['categories', 'category', 'product', 'products', 'stockAlerts']);
    expect(Object.keys(resolvers.Mutation ?? {}).sort()).toEqual([
      'adjustStock',
      'archiveProduct',
      'createProduct',
      'redeliverStockAlert',
      'regenerateEnrichment',
      'releaseStock',
      'reserveStock',
      'restockProduct',
      'sellProduct',
      'unarchiveProduct',
      'updateProduct',
    ]);
    expect([incompleteQuery, incompleteMutation]).toHaveLength(2);
  });
});
