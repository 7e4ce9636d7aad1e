import { requestContext, withRequest, type RequestContext, type RequestInfo, type SubgraphDeps } from '@bodega/server-kit';
import { createLoaders, type Loaders } from './loaders';
import type { StockClient } from './services/stock-client';

/** What lives for the whole process. */
export interface Deps extends SubgraphDeps {
  /** Takes and returns stock in the products subgraph, which owns it. */
  stock: StockClient;
  /** ISO 4217; revenue before a product's first sale. */
  shopCurrency: string;
}

/** What every resolver and service gets, per request. */
export interface Context extends Deps, RequestContext {
  loaders: Loaders;
}

export async function createContext(deps: Deps, request: RequestInfo): Promise<Context> {
  return withRequest({ ...deps, loaders: createLoaders(deps.prisma, deps.shopCurrency) }, await requestContext(deps.tokens, request));
}
