export { startProductsSubgraph, createApollo, typeDefs, type ProductsSubgraphOptions } from './server';
export { readAlertDeliveryConfig } from './config';
export { alertDeliveryConfig, type AlertDeliveryConfig } from './alerts/config';
export { categoriesFrom } from './services/enrichment';
export type { Deps as ProductsDeps, Context as ProductsContext } from './context';
export { signAlert, verifyAlertSignature, SIGNATURE_TOLERANCE_SECONDS, type SignatureVerdict } from './alerts/signature';
