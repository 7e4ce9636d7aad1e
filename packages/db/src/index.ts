export * from './client';
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
} from '../generated/prisma/client';
export { AlertDeliveryStatus, EnrichmentSource, EnrichmentStatus, OrderStatus, ReservationStatus, Role } from '../generated/prisma/enums';
export * from './migrate';
export * from './taxonomy';
