import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed resolvers for one subgraph: root fields are required, so a missing resolver fails `tsc`. */
function subgraph(name: string, mappers: Record<string, string>) {
  return {
    [`subgraphs/${name}/src/generated/graphql.ts`]: {
      schema: `subgraphs/${name}/schema.graphql`,
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: '../context#Context',
        mappers,
        scalars: { DateTime: { input: 'string', output: 'Date | string' }, ID: { input: 'string', output: 'string' } },
        avoidOptionals: { query: true, mutation: true, subscription: true },
        useTypeImports: true,
      },
    },
  };
}

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  generates: {
    ...subgraph('products', {
      Product: '@bodega/db#Product as ProductModel',
      Category: '@bodega/db#Category as CategoryModel',
      ProductConnection: '../services/product-list#ProductPage',
      ProductEdge: '../services/product-list#ProductEdgeModel',
      Enrichment: '@bodega/db#Product as EnrichmentModel',
      Money: '../services/money#MoneyModel',
      StockChange: '@bodega/events#StockChangedEvent',
      LowStockAlert: '@bodega/events#LowStockAlertEvent',
    }),
    ...subgraph('accounts', {
      User: '@bodega/db#User as UserModel',
      UserConnection: '../services/user-list#UserPage',
      UserEdge: '../services/user-list#UserEdgeModel',
      AuthPayload: '../services/sessions#AuthPayloadModel',
    }),
  },
};

export default config;
