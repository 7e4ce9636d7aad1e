export * from './client';
export * from './ids';
export { Prisma } from '../generated/prisma/client';
export type {
  Product,
  Category,
  User,
  RefreshToken,
  StockAlert,
  StockReservation,
  StockReservationItem,
  Order,
  OrderItem,
  OrderStatusChange,
  Document,
  DocumentVersion,
  Chunk,
  IngestJob,
  ChatEvent,
  Conversation,
  ChatMessage,
  ChatParticipant,
  ChatAgent,
} from '../generated/prisma/client';
export {
  AlertDeliveryStatus,
  ConversationStatus,
  MessageRole,
  DocumentStatus,
  DocumentVisibility,
  EnrichmentSource,
  EnrichmentStatus,
  IngestStage,
  OrderStatus,
  ReservationStatus,
  Role,
} from '../generated/prisma/enums';
export * from './migrate';
export * from './taxonomy';
