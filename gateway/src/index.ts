export { disableApolloTelemetry } from './no-telemetry';
export { startGateway, type GatewayOptions, type RunningGateway } from './server';
export { BodegaCloseCode } from './subscriptions';
export { composeSupergraph } from './compose/compose';
export { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs';
export { LIMITS } from './armor';
