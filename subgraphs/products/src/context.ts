import type { Enricher } from '@bodega/ai';
import { requestContext, withRequest, type RequestContext, type RequestInfo, type SubgraphDeps } from '@bodega/server-kit';
import type { AlertWaker } from './alerts/worker';
import { defaultEnricher } from './enricher';
import { createLoaders, type Loaders } from './loaders';

/** What lives for the whole process. */
export interface Deps extends SubgraphDeps {
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
