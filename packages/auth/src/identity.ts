import { forbidden, unauthenticated } from '@bodega/errors';

export const ROLES = ['ADMIN', 'STAFF', 'CUSTOMER'] as const;
export type Role = (typeof ROLES)[number];

/** Another Bodega service calling an internal field (orders taking stock from products). */
export const SERVICE_ROLE = 'SERVICE';
export type CallerRole = Role | typeof SERVICE_ROLE;

/** Who is calling: a user proven by a verified access token, or a service by its signed request. */
export interface Identity {
  /** A user's id, or `service:<name>` for a service. */
  userId: string;
  role: CallerRole;
  /** The access token's id (jti); empty for a service. */
  tokenId: string;
  /** The session (refresh-token family) the access token belongs to; absent for a service. */
  sessionId?: string;
}

/** A Bodega service calling, proven by the internal request signature (never by a token). */
export function serviceIdentity(service: string): Identity {
  return { userId: `service:${service}`, role: SERVICE_ROLE, tokenId: '' };
}

/** Roles that may manage the catalogue and see every order and alert. */
export const STAFF_ROLES: readonly Role[] = ['STAFF', 'ADMIN'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** UNAUTHENTICATED without an identity, FORBIDDEN with the wrong role. */
export function requireRole(identity: Identity | null | undefined, roles: readonly Role[], action: string): Identity {
  if (!identity) throw unauthenticated(`Sign in to ${action}.`);
  if (!(roles as readonly string[]).includes(identity.role)) {
    throw forbidden(`Only ${roles.join(' or ')} may ${action}; you are ${identity.role}.`);
  }
  return identity;
}

/** Internal fields answer only other Bodega services, never a user's token. */
export function requireService(identity: Identity | null | undefined, action: string): Identity {
  if (!identity) throw unauthenticated(`Only Bodega services may ${action}.`);
  if (identity.role !== SERVICE_ROLE) throw forbidden(`Only Bodega services may ${action}.`);
  return identity;
}

export function requireIdentity(identity: Identity | null | undefined, action: string): Identity {
  if (!identity) throw unauthenticated(`Sign in to ${action}.`);
  return identity;
}
