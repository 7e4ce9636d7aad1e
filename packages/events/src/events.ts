/** Every event that crosses a process boundary, by topic. Publishers and subscribers import these. */
export const Topic = {
  StockChanged: 'products.stock-changed',
  LowStockAlert: 'products.low-stock-alert',
  StockAlertUpdated: 'products.stock-alert-updated',
  OrderEvent: 'orders.order-event',
  SessionChanged: 'accounts.session-changed',
  DocumentStatusChanged: 'rag.document-status-changed',
  ChunkIndexChanged: 'rag.chunk-index-changed',
  ChatEventAppended: 'chat.event-appended',
  ChatTyping: 'chat.typing',
} as const;
export type Topic = (typeof Topic)[keyof typeof Topic];

export type StockChangeReason = 'SALE' | 'ORDER' | 'CANCEL' | 'RESTOCK' | 'ADJUSTMENT' | 'RECEIVED' | 'DAMAGED' | 'CORRECTION';
export type StockAlertKind = 'LOW_STOCK' | 'OUT_OF_STOCK';

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

/** A committed change opened an alert: stock below the threshold (LOW_STOCK) or at 0 (OUT_OF_STOCK). */
export interface LowStockAlertEvent {
  /** The StockAlert recorded in the same statement (outbox; delivered to the webhook). */
  alertId: string;
  /** Absent from publishers before alert kinds: LOW_STOCK. */
  kind?: StockAlertKind;
  productId: string;
  stock: number;
  threshold: number;
  version: number;
  occurredAt: string;
}

/** An alert opened, resolved, or its webhook delivery moved on; subscribers read the alert fresh. */
export interface StockAlertUpdatedEvent {
  alertId: string;
  productId: string;
  change: 'OPENED' | 'RESOLVED' | 'DELIVERY';
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

export type DocumentStatus = 'PENDING' | 'PROCESSING' | 'READY' | 'FAILED';
export type IngestStage = 'PARSING' | 'CHUNKING' | 'EMBEDDING' | 'INDEXING';
export type DocumentVisibility = 'PUBLIC' | 'INTERNAL';

/**
 * A document's ingest moved (for `documentStatusChanged`): published after each step commits, in
 * order, by the one worker that holds the job. `progress` never goes down within a version.
 */
export interface DocumentStatusChangedEvent {
  documentId: string;
  /** The version being ingested (the document's latest). */
  version: number;
  status: DocumentStatus;
  /** Null once READY or FAILED, and while PENDING. */
  stage: IngestStage | null;
  progress: number;
  chunkCount: number;
  /** Set when FAILED: what went wrong and what to do about it. */
  failureReason: string | null;
  /** Who may see the event: customers and anonymous subscribers only PUBLIC documents'. */
  visibility: DocumentVisibility;
  occurredAt: string;
}

/**
 * Chunks entered or left the searchable set in Postgres: every rag process updates its in-memory
 * vector index from it (vectors are read from Postgres, the source of truth, never sent here).
 */
export type ChunkIndexChangedEvent =
  /** A version's chunks are embedded: add them (by document and version). */
  | { kind: 'ADDED'; documentId: string; version: number; occurredAt: string }
  /** These chunks are gone (a replaced version, a deleted document). Ids are decimal strings. */
  | { kind: 'REMOVED'; documentId: string; chunkIds: string[]; occurredAt: string };

/**
 * An event appended to a conversation's log, published after its transaction commits. Versions are
 * consecutive per conversation: a subscriber that sees a gap reads the missing ones from the log.
 */
export interface ChatEventAppendedEvent {
  conversationId: string;
  customerId: string;
  version: number;
  type: string;
  actorId: string | null;
  clientMessageId: string | null;
  /** The event's payload as stored (chat's own shape). */
  payload: unknown;
  occurredAt: string;
}

/** Someone started or stopped typing: ephemeral, never in the event log. */
export interface ChatTypingEvent {
  conversationId: string;
  userId: string;
  role: 'CUSTOMER' | 'AGENT';
  typing: boolean;
  expiresAt: string;
}

export interface EventMap {
  [Topic.StockChanged]: StockChangedEvent;
  [Topic.LowStockAlert]: LowStockAlertEvent;
  [Topic.StockAlertUpdated]: StockAlertUpdatedEvent;
  [Topic.OrderEvent]: OrderEventPayload;
  [Topic.SessionChanged]: SessionChangedEvent;
  [Topic.DocumentStatusChanged]: DocumentStatusChangedEvent;
  [Topic.ChunkIndexChanged]: ChunkIndexChangedEvent;
  [Topic.ChatEventAppended]: ChatEventAppendedEvent;
  [Topic.ChatTyping]: ChatTypingEvent;
}
