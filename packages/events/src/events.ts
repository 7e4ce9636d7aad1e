/** Every event that crosses a process boundary, by topic. Publishers and subscribers import these. */
export const Topic = {
  StockChanged: 'products.stock-changed',
  LowStockAlert: 'products.low-stock-alert',
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
  productId: string;
  stock: number;
  threshold: number;
  version: number;
  occurredAt: string;
}

export interface EventMap {
  [Topic.StockChanged]: StockChangedEvent;
  [Topic.LowStockAlert]: LowStockAlertEvent;
}
