import { STAFF_ROLES, type Identity } from '@bodega/auth';
import type { Order } from '@bodega/db';
import { isVisible } from './statuses';

export function isStaff(identity: Identity | null): boolean {
  return identity !== null && (STAFF_ROLES as readonly string[]).includes(identity.role);
}

/** Customers see their own orders, staff see all; nobody sees one still being placed. */
export function maySee(identity: Identity | null, order: Order | null): order is Order {
  if (!order || !identity || !isVisible(order.status)) return false;
  return isStaff(identity) || order.customerId === identity.userId;
}
