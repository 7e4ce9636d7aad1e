export { startAccountsSubgraph, createApollo, typeDefs } from './server';
export { createContext, createRuntime } from './context';
export type { Deps as AccountsDeps, Context as AccountsContext } from './context';
export {
  DEFAULT_LOGIN_LIMITS,
  DEFAULT_SIGN_UP_LIMITS,
  LOGIN_KEY_PREFIX,
  SIGN_UP_KEY_PREFIX,
  type LoginLimits,
  type ProgressiveRule,
  type SignUpLimits,
  type WindowRule,
} from './services/rate-limit';
export { accountsStanding } from './services/standing';
export { accountsEnv, configuredSigningKeys, requireSigningKeys, signUpLimitsFrom } from './config';
