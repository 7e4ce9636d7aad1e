import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import type { AccessTokens, Identity } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import type { Logger } from '@bodega/logger';
import type { Redis } from 'ioredis';
import { createLoaders, type Loaders } from './loaders';
import { createLoginLimiter, type LoginLimiter, type LoginLimits } from './services/rate-limit';

/** What lives for the whole process. */
export interface Deps {
  prisma: PrismaClient;
  /** Issues and verifies access tokens (the JWT secret lives here). */
  tokens: AccessTokens;
  log: Logger;
  /** Log-in rate-limit windows live in Redis when given (shared by every accounts process), in memory otherwise. */
  redis?: Redis;
  /** Log-in attempt limits. Default: 5 per email and 20 per client address, each per 15 minutes. */
  limits?: Partial<LoginLimits>;
  /** This email becomes ADMIN at sign-up (case-insensitive), as does the very first account. Default: none. */
  adminEmail?: string;
}

/** Deps plus what must be shared by every request of the process (the in-memory rate-limit windows). */
export interface Runtime extends Deps {
  loginLimiter: LoginLimiter;
}

export function createRuntime(deps: Deps): Runtime {
  return { ...deps, loginLimiter: createLoginLimiter({ redis: deps.redis, limits: deps.limits }) };
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

/** The parts of an HTTP request the context reads (a plain object in tests). */
export interface RequestInfo {
  requestId: string;
  log: Logger;
  req: { headers: IncomingHttpHeaders; socket?: { remoteAddress?: string | undefined } };
}

/** Set by the gateway to the client's address; a subgraph reached directly falls back to the socket. */
export const CLIENT_IP_HEADER = 'x-client-ip';

export function createContext(runtime: Runtime, request: RequestInfo): Context {
  let identity: Promise<Identity | null> | undefined;
  const authorization = request.req.headers.authorization;
  return {
    ...runtime,
    requestId: request.requestId,
    log: request.log,
    loaders: createLoaders(runtime.prisma),
    clientAddress: clientAddressOf(request.req),
    identity: () => (identity ??= runtime.tokens.fromAuthorization(authorization)),
  };
}

function clientAddressOf(req: RequestInfo['req']): string {
  const header = req.headers[CLIENT_IP_HEADER];
  const forwarded = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  if (forwarded && isIP(forwarded)) return forwarded;
  return req.socket?.remoteAddress ?? 'unknown';
}
