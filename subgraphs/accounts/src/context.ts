import type { AccessTokenSigner, AccessTokenVerifier, InternalVerifier } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { requestContext, withRequest, type RequestContext, type RequestInfo } from '@bodega/server-kit';
import type { Redis } from 'ioredis';
import { createLoaders, type Loaders } from './loaders';
import {
  createLoginLimiter,
  createSignUpLimiter,
  limiterStores,
  type LoginLimiter,
  type LoginLimits,
  type SignUpLimiter,
  type SignUpLimits,
} from './services/rate-limit';

/** What lives for the whole process. */
export interface Deps {
  prisma: PrismaClient;
  /** Mints access tokens: accounts alone holds the private key. */
  signer: AccessTokenSigner;
  /** Verifies access tokens, checking users' standing in this database (see `accountsStanding`). */
  tokens: AccessTokenVerifier;
  /** Announces log-outs and role changes (SessionChanged), so every verifier forgets what it knew. */
  events: EventBus;
  log: Logger;
  /** Checks that a request was signed by the gateway or a Bodega service: the subgraph answers nothing else. */
  internal: InternalVerifier;
  /** Rate-limit windows live in Redis when given (shared by every accounts process), in memory otherwise. */
  redis?: Redis;
  /** Log-in attempt limits. Default: DEFAULT_LOGIN_LIMITS. */
  limits?: Partial<LoginLimits>;
  /** Sign-up limits. Default: DEFAULT_SIGN_UP_LIMITS. */
  signUpLimits?: Partial<SignUpLimits>;
  /** This email becomes ADMIN at sign-up (case-insensitive), as does the very first account. Default: none. */
  adminEmail?: string;
}

/** Deps plus what must be shared by every request of the process (the in-memory rate-limit windows). */
export interface Runtime extends Deps {
  loginLimiter: LoginLimiter;
  signUpLimiter: SignUpLimiter;
}

export function createRuntime(deps: Deps): Runtime {
  const stores = limiterStores(deps.redis);
  const onError = (err: unknown) => deps.log.warn({ err }, 'rate limiter could not record a successful log-in');
  return {
    ...deps,
    loginLimiter: createLoginLimiter({ stores, limits: deps.limits, onError }),
    signUpLimiter: createSignUpLimiter({ stores, limits: deps.signUpLimits }),
  };
}

/** What every resolver and service gets, per request. */
export interface Context extends Runtime, RequestContext {
  loaders: Loaders;
  /** The rate-limit key for the caller's network address (as the gateway signed it). */
  clientAddress: string;
}

export async function createContext(runtime: Runtime, request: RequestInfo): Promise<Context> {
  const base = await requestContext(runtime.tokens, request);
  return withRequest({ ...runtime, loaders: createLoaders(runtime.prisma), clientAddress: base.clientIp ?? 'unknown' }, base);
}
