import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import { identityOf, type AccessTokenVerifier, type Identity, type InternalVerifier, type VerifiedCaller } from '@bodega/auth';
import type { Logger } from '@bodega/logger';

/** What a subgraph's server knows of one request (over HTTP or graphql-ws), or a test passes in-process. */
export interface RequestInfo {
  requestId: string;
  log: Logger;
  /** The Authorization header as sent: the user's access token, verified here. */
  authorization?: string;
  /** Who signed the request: the gateway (the user is in `authorization`) or a Bodega service. */
  caller?: VerifiedCaller;
}

/** The part of every subgraph's context that is about the request: who asks, and its id and log. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  /** The caller its access token (or a service's signature) proves; null for an anonymous one. */
  identity: Identity | null;
  /** The client's address as the gateway signed it; undefined when it did not say. */
  clientIp?: string;
}

/**
 * Verifies who is calling. A token that does not verify is never silently anonymous: reading
 * `identity` throws its UNAUTHENTICATED (so it fails every field that asks who calls), while a
 * field that does not ask (logging in, refreshing a session) is not held up by a stale token.
 */
export async function requestContext(tokens: AccessTokenVerifier, request: RequestInfo): Promise<RequestContext> {
  let identity: Identity | null = null;
  let failure: unknown;
  try {
    identity = await identityOf(tokens, request);
  } catch (error) {
    failure = error;
  }
  // On the prototype: Apollo Server copies a context's own properties per request, reading them.
  const verified = Object.create({
    get identity(): Identity | null {
      if (failure !== undefined) throw failure;
      return identity;
    },
  }) as RequestContext;
  return Object.assign(verified, { requestId: request.requestId, log: request.log, clientIp: request.caller?.clientIp });
}

/**
 * A subgraph's context: its deps and per-request parts, then the request's (its `log` carries the
 * request id and wins over the process's), `identity` still read lazily.
 */
export function withRequest<T extends object>(process: T, request: RequestContext): T & RequestContext {
  return Object.assign(Object.create(Object.getPrototypeOf(request) as object) as RequestContext, process, request) as T & RequestContext;
}

/**
 * What every subgraph's process-wide `Deps` starts with: its database, the event bus, its log,
 * and the two checks of who is asking. Each subgraph's `Deps` extends it with its own.
 */
export interface SubgraphDeps {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
  /** Verifies the caller's access token: the subgraph trusts no identity it did not verify. */
  tokens: AccessTokenVerifier;
  /** Checks that a request was signed by the gateway or a Bodega service: the subgraph answers nothing else. */
  internal: InternalVerifier;
}
