import type { AccessTokenSigner, AccessTokenVerifier, Identity, InternalVerifier } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
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

/** The HTTP server's check of who signed the request (the gateway, or a service). */
export interface ServerDeps extends Deps {
  internal: InternalVerifier;
}

/** What every resolver and service gets, per request. */
export interface Context extends Runtime {
  requestId: string;
  loaders: Loaders;
  /** The rate-limit key for the caller's network address. */
  clientAddress: string;
  /**
   * The caller proven by the `Authorization` header: null without one, UNAUTHENTICATED for one that
   * does not verify. Verified on first use, so signing up or refreshing is not blocked by a stale token.
   */
  identity(): Promise<Identity | null>;
}

/** What the context reads of a request (from the HTTP server, or a test running in-process). */
export interface RequestInfo {
  requestId: string;
  log: Logger;
  authorization?: string;
  /** The client's address as the gateway signed it; requests without one share one budget. */
  clientIp?: string;
}

export function createContext(runtime: Runtime, request: RequestInfo): Context {
  let identity: Promise<Identity | null> | undefined;
  return {
    ...runtime,
    requestId: request.requestId,
    log: request.log,
    loaders: createLoaders(runtime.prisma),
    clientAddress: request.clientIp ?? 'unknown',
    identity: () => (identity ??= runtime.tokens.fromAuthorization(request.authorization)),
  };
}
