import type { Identity } from '@bodega/auth';
import type { Logger } from '@bodega/logger';

export interface GatewayContext {
  requestId: string;
  log: Logger;
  /** Verified at the gateway; null for an anonymous caller. */
  identity: Identity | null;
  /** Forwarded unchanged: every subgraph verifies the token again and trusts nothing else. */
  authorization?: string;
  /** The caller's address, for per-address limits in subgraphs. */
  clientIp?: string;
}

/** Who may share work on a subscription: staff by role, customers only with themselves. */
export function subscriptionScope(identity: Identity | null): string {
  if (!identity) return 'ANONYMOUS';
  return identity.role === 'CUSTOMER' ? `CUSTOMER:${identity.userId}` : identity.role;
}
