export { startAccountsSubgraph, createApollo, typeDefs } from './server';
export { createContext, createRuntime, CLIENT_IP_HEADER } from './context';
export type { Deps as AccountsDeps, Context as AccountsContext, RequestInfo as AccountsRequestInfo } from './context';
export { DEFAULT_LOGIN_LIMITS, LOGIN_KEY_PREFIX, type LoginLimits, type WindowRule } from './services/rate-limit';
