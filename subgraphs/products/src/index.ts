export { startProductsSubgraph, createApollo, typeDefs, type ProductsSubgraphOptions } from './server';
export { alertConfigFromEnv, alertDeliveryConfig, alertEnv, type AlertDeliveryConfig } from './alerts/config';
export { categoriesFrom, defaultEnricher } from './enricher';
export type { Deps as ProductsDeps, Context as ProductsContext } from './context';
export { signAlert, verifyAlertSignature, SIGNATURE_TOLERANCE_SECONDS, type SignatureVerdict } from './alerts/signature';
