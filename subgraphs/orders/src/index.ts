export { startOrdersSubgraph, createApollo, typeDefs, type RunningOrders } from './server';
export { createContext } from './context';
export type { Deps as OrdersDeps, Context as OrdersContext } from './context';
export { createStockClient, type StockClient } from './services/stock-client';
export { startOrderRecovery, type OrderRecovery, type OrderRecoveryOptions } from './services/recovery';
export { ordersEnv } from './config';
export type { OrdersSubgraphOptions } from './server';
