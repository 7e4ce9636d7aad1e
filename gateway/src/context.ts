import type { Logger } from '@bodega/logger';

export interface GatewayContext {
  requestId: string;
  log: Logger;
}
