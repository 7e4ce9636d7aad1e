import type { OrderStatus as StoredStatus } from '@bodega/db';
import type { OrderStatus } from '@bodega/events';

/** Statuses a client can see; PENDING and ABANDONED are placement's internal states. */
export const VISIBLE_STATUSES: readonly OrderStatus[] = ['PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

const NEXT: Partial<Record<OrderStatus, OrderStatus>> = { PLACED: 'PAID', PAID: 'SHIPPED', SHIPPED: 'DELIVERED' };
const CANCELLABLE: readonly OrderStatus[] = ['PLACED', 'PAID'];

/** PLACED → PAID → SHIPPED → DELIVERED; CANCELLED from PLACED or PAID; nothing else. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return to === 'CANCELLED' ? CANCELLABLE.includes(from) : NEXT[from] === to;
}

/** The statuses an order in `from` may move to, for error messages. */
export function nextStatuses(from: OrderStatus): OrderStatus[] {
  return VISIBLE_STATUSES.filter((to) => canMove(from, to));
}

export function isVisible(status: StoredStatus): status is OrderStatus {
  return (VISIBLE_STATUSES as readonly string[]).includes(status);
}
