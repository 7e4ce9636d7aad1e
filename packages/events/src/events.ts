/** Every event that crosses a process boundary, by topic. Publishers and subscribers import these. */
export const Topic = {
  StockChanged: 'products.stock-changed',
  LowStockAlert: 'products.low-stock-alert',
  OrderEvent: 'orders.order-event',
  SessionChanged: 'accounts.session-changed',
} as const;
export type Topic = (typeof Topic)[keyof typeof Topic];

export type StockChangeReason = 'SALE' | 'ORDER' | 'CANCEL' | 'RESTOCK' | 'ADJUSTMENT';

/** Published after the change commits; carries the entity key and the changed fields. */
export interface StockChangedEvent {
  productId: string;
  stock: number;
  delta: number;
  reason: StockChangeReason;
  lowStockThreshold: number;
  /** The product's stock version after this change: consecutive per product, in commit order. */
  version: number;
  occurredAt: string;
}

/** A committed change took stock from >= threshold to < threshold. */
export interface LowStockAlertEvent {
  /** The StockAlert recorded in the same statement (outbox; delivered to the webhook). */
  alertId: string;
  productId: string;
  stock: number;
  threshold: number;
  version: number;
  occurredAt: string;
}

export type OrderStatus = 'PLACED' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
export type OrderEventType = 'PLACED' | 'STATUS_CHANGED' | 'CANCELLED';

/** Published after an order's change commits; customerId scopes who may see it. */
export interface OrderEventPayload {
  type: OrderEventType;
  orderId: string;
  customerId: string;
  status: OrderStatus;
  previousStatus: OrderStatus | null;
  occurredAt: string;
}

/**
 * Something that changes which of a user's access tokens stand: every verifier forgets what it knew
 * about the user and asks accounts again. Published after the change commits.
 */
export interface SessionChangedEvent {
  userId: string;
  reason: 'ROLE_CHANGED' | 'LOGGED_OUT' | 'SESSION_REVOKED';
  occurredAt: string;
}

export interface EventMap {
  [Topic.StockChanged]: StockChangedEvent;
  [Topic.LowStockAlert]: LowStockAlertEvent;
  [Topic.OrderEvent]: OrderEventPayload;
  [Topic.SessionChanged]: SessionChangedEvent;
}
