import { Prisma } from '@bodega/db';

/** An orders row in the Prisma model's shape, for RETURNING of raw statements. */
export const ORDER_COLUMNS = Prisma.sql`id, number, customer_id AS "customerId", idempotency_key AS "idempotencyKey",
  request_hash AS "requestHash", status::text AS status, total_amount AS "totalAmount", currency,
  stock_released_at AS "stockReleasedAt", created_at AS "createdAt", updated_at AS "updatedAt", placed_at AS "placedAt"`;
