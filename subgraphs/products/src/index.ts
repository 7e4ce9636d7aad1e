export { startProductsSubgraph, createApollo, typeDefs, type ProductsSubgraphOptions } from './server';
export { readAlertDeliveryConfig } from './config';
export { alertDeliveryConfig, type AlertDeliveryConfig } from './alerts/config';
export { categoriesFrom } from './services/enrichment';
export type { Deps as ProductsDeps, Context as ProductsContext } from './context';
