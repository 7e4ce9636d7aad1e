export { disableApolloTelemetry } from './no-telemetry';
export { startGateway, type GatewayDeps, type GatewayOptions, type RunningGateway } from './server';
export { BodegaCloseCode, DEFAULT_SUBSCRIPTION_CAPS, TOO_MANY_SUBSCRIPTIONS, type SubscriptionLimits } from './subscriptions';
export { subscriptionCapsEnv, subscriptionCapsFrom } from './config';
export { composeSupergraph } from './compose/compose';
export { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs';
export { armor, LIMITS } from './armor';
export { apiSchemaOf } from './api-schema';
