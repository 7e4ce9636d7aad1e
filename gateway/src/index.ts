export { startGateway, type GatewayOptions } from './server';
export { composeSupergraph } from './compose/compose';
export { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs';
export { LIMITS } from './armor';
