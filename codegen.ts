import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { apiSchemaOf } from './gateway/src/api-schema';
import { composeSupergraph } from './gateway/src/compose/compose';

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

/**
 * The API schema the web app is typed against: every subgraph SDL under subgraphs/ composed (not
 * gateway/supergraph.graphql, which is a supergraph and lags a subgraph that is not served yet).
 */
function clientSchema(): string {
  const subgraphs = readdirSync(join(__dirname, 'subgraphs'))
    .filter((name) => existsSync(join(__dirname, 'subgraphs', name, 'schema.graphql')))
    .map((name) => ({ name, schemaPath: join(__dirname, 'subgraphs', name, 'schema.graphql'), defaultUrl: `http://${name}/graphql` }));
  return printSchema(apiSchemaOf(composeSupergraph(subgraphs)));
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
      CategorySuggestion: '../services/enrichment-view#CategorySuggestionModel',
      Money: '../services/money#MoneyModel',
      StockChange: '@bodega/events#StockChangedEvent',
      LowStockAlert: '@bodega/events#LowStockAlertEvent',
      StockAlert: '../services/stock-alerts#StockAlertModel',
      AlertDelivery: '../services/stock-alerts#StockAlertModel as AlertDeliveryModel',
      StockAlertConnection: '../services/stock-alerts#StockAlertPage',
      StockAlertEdge: '../services/stock-alerts#StockAlertEdgeModel',
      StockReservation: '../services/reservations#ReservationModel',
      StockMovement: '../services/stock-movements#StockMovementModel',
      StockMovementConnection: '../services/stock-movements#StockMovementPage',
      StockMovementEdge: '../services/stock-movements#StockMovementEdgeModel',
      User: '../services/stock-movements#UserRef',
    }),
    ...subgraph('orders', {
      Order: '@bodega/db#Order as OrderModel',
      OrderItem: '@bodega/db#OrderItem as OrderItemModel',
      OrderStatusChange: '@bodega/db#OrderStatusChange as OrderStatusChangeModel',
      OrderConnection: '../services/order-list#OrderPage',
      OrderEdge: '../services/order-list#OrderEdgeModel',
      OrderEvent: '@bodega/events#OrderEventPayload',
      ProductSales: '../services/sales#SalesModel',
      SalesSummary: '../services/sales-summary#SalesSummaryModel',
      Product: '../services/entities#EntityRef',
      User: '../services/entities#EntityRef',
    }),
    ...subgraph('accounts', {
      User: '@bodega/db#User as UserModel',
      UserConnection: '../services/user-list#UserPage',
      UserEdge: '../services/user-list#UserEdgeModel',
      AuthPayload: '../services/sessions#AuthPayloadModel',
    }),
    ...subgraph('rag', {
      Document: '../services/document-model#DocumentModel',
      DocumentConnection: '../services/document-model#DocumentPage',
      DocumentEdge: '../services/document-model#DocumentEdgeModel',
      Chunk: '../services/chunks#ChunkModel',
      ChunkConnection: '../services/chunks#ChunkPage',
      ChunkEdge: '../services/chunks#ChunkEdgeModel',
      SearchResult: '../services/search#SearchHit',
      Answer: '../services/answer#AnswerModel',
      Citation: '../services/answer#CitationModel',
      Product: '../services/related#ProductRef',
    }),
    ...subgraph('chat', {
      Conversation: '@bodega/db#Conversation as ConversationModel',
      Message: '../events/types#MessageModel',
      MessageCitation: '../events/types#CitationData',
      MessageConnection: '../services/messages#MessagePage',
      MessageEdge: '../services/messages#MessageEdgeModel',
      ConversationConnection: '../services/conversations#ConversationPage',
      ConversationEdge: '../services/conversations#ConversationEdgeModel',
      TypingIndicator: '@bodega/events#ChatTypingEvent',
      User: '../entities#EntityRef',
      Order: '../entities#EntityRef',
      Document: '../entities#EntityRef',
    }),
    // Typed documents for the web app: `graphql(...)` calls next to the components that use them, with
    // fragments masked (a component reads its own fragment with `useFragment`).
    'web/src/graphql/generated/': {
      schema: clientSchema(),
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/graphql/generated/**'],
      preset: 'client',
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string', ID: 'string' } },
    },
  },
};

export default config;
