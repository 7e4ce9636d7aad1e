import type { OrderStatus } from '../graphql/generated/graphql';

/** PLACED → PAID → SHIPPED → DELIVERED, as the orders subgraph allows them. */
export const NEXT_STATUS: Partial<Record<OrderStatus, OrderStatus>> = { PLACED: 'PAID', PAID: 'SHIPPED', SHIPPED: 'DELIVERED' };

export const STATUS_ACTION: Partial<Record<OrderStatus, string>> = { PAID: 'Mark paid', SHIPPED: 'Mark shipped', DELIVERED: 'Mark delivered' };

/** An order can be cancelled until it ships. */
export function cancellable(status: OrderStatus): boolean {
  return status === 'PLACED' || status === 'PAID';
}

export const ORDER_STATUSES: readonly OrderStatus[] = ['PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
