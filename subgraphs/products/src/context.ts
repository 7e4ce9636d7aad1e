import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { createLoaders, type Loaders } from './loaders';

/** What lives for the whole process. */
export interface Deps {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
}

/** What every resolver and service gets, per request. */
export interface Context extends Deps {
  requestId: string;
  loaders: Loaders;
}

export function createContext(deps: Deps, request: { requestId: string; log: Logger }): Context {
  return { ...deps, requestId: request.requestId, log: request.log, loaders: createLoaders(deps.prisma) };
}
