import { identityOf, type AccessTokenVerifier, type Identity, type InternalVerifier, type VerifiedCaller } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { createLoaders, type Loaders } from './loaders';
import type { StockClient } from './services/stock-client';

/** What lives for the whole process. */
export interface Deps {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
  /** Verifies the caller's access token: the subgraph trusts no identity it did not verify. */
  tokens: AccessTokenVerifier;
  /** Checks that a request was signed by the gateway or a Bodega service: the subgraph answers nothing else. */
  internal: InternalVerifier;
  /** Takes and returns stock in the products subgraph, which owns it. */
  stock: StockClient;
  /** ISO 4217; revenue before a product's first sale. */
  shopCurrency: string;
}

/** What every resolver and service gets, per request. */
export interface Context extends Deps {
  requestId: string;
  loaders: Loaders;
  /** Null for an anonymous caller. */
  identity: Identity | null;
}

export interface RequestInfo {
  requestId: string;
  log: Logger;
  authorization?: string;
  /** Who signed the request: the gateway (the user is in `authorization`) or a Bodega service. */
  caller?: VerifiedCaller;
}

export async function createContext(deps: Deps, request: RequestInfo): Promise<Context> {
  const identity = await identityOf(deps.tokens, request);
  return { ...deps, requestId: request.requestId, log: request.log, identity, loaders: createLoaders(deps.prisma, deps.shopCurrency) };
}
