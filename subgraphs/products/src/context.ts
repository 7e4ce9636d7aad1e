import type { Enricher } from '@bodega/ai';
import type { AccessTokenVerifier, InternalVerifier } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { requestContext, withRequest, type RequestContext, type RequestInfo } from '@bodega/server-kit';
import type { AlertWaker } from './alerts/worker';
import { defaultEnricher } from './enricher';
import { createLoaders, type Loaders } from './loaders';

/** What lives for the whole process. */
export interface Deps {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
  /** Verifies the caller's access token: the subgraph trusts no identity it did not verify. */
  tokens: AccessTokenVerifier;
  /** Checks that a request was signed by the gateway or a Bodega service: the subgraph answers nothing else. */
  internal: InternalVerifier;
  /**
   * True when alert delivery was configured without a webhook URL: alerts are recorded and nothing
   * is sent, so their delivery reads NOT_CONFIGURED. Unset (tests): PENDING as recorded.
   */
  alertWebhookMissing?: boolean;
  /** This process's low-stock alert worker, when it runs one (ALERT_WEBHOOK_URL set). */
  alertWorker?: AlertWaker;
  /** Writes missing descriptions and categories (@bodega/ai). Default: the local provider, cached in memory. */
  enricher?: Enricher;
}

/** What every resolver and service gets, per request. */
export interface Context extends Deps, RequestContext {
  enricher: Enricher;
  loaders: Loaders;
}

export async function createContext(deps: Deps, request: RequestInfo): Promise<Context> {
  const enricher = deps.enricher ?? defaultEnricher(deps.prisma, deps.log);
  return withRequest({ ...deps, enricher, loaders: createLoaders(deps.prisma) }, await requestContext(deps.tokens, request));
}
