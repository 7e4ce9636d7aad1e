/** Every event that crosses a process boundary, by topic. Publishers and subscribers import these. */
export const Topic = {
  StockChanged: 'products.stock-changed',
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
  occurredAt: string;
}

export interface EventMap {
  [Topic.StockChanged]: StockChangedEvent;
}
