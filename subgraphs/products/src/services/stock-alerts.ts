import { STAFF_ROLES, requireRole } from '@bodega/auth';
import { Prisma } from '@bodega/db';
import { notFound, parseInput } from '@bodega/errors';
import { Topic } from '@bodega/events';
import { z } from 'zod';
import type { Context } from '../context';
import { isUuid } from '@bodega/db';
import { connection, createdAtCursor, emptyConnection, type Connection, type Edge } from '@bodega/paging';
import { pageArgs } from './product-input';

/** A products.stock_alerts row: the alert and the state of its webhook delivery. */
export type StockAlertModel = Prisma.StockAlertModel;

export type StockAlertPage = Connection<StockAlertModel>;
export type StockAlertEdgeModel = Edge<StockAlertModel>;

const listArgs = pageArgs.pick({ first: true, after: true }).extend({
  filter: z
    .object({
      status: z.enum(['PENDING', 'DELIVERED', 'FAILED', 'NOT_CONFIGURED']).nullish(),
      productId: z.string().max(100).nullish(),
      kind: z.enum(['LOW_STOCK', 'OUT_OF_STOCK']).nullish(),
      open: z.boolean().nullish(),
    })
    .nullish(),
});

/** Newest first; keyset paging on (occurred_at, id), so pages stay stable while alerts arrive. */
export async function listStockAlerts(ctx: Context, args: unknown): Promise<StockAlertPage> {
  requireRole(ctx.identity, STAFF_ROLES, 'see low-stock alerts');
  const { first, after, filter } = parseInput(listArgs, args);
  const cursor = after ? createdAtCursor.decode(after) : null;
  if (filter?.productId && !isUuid(filter.productId)) return emptyConnection();

  const where: Prisma.StockAlertWhereInput[] = [];
  if (filter?.status) {
    // Without a webhook, PENDING rows read NOT_CONFIGURED (and nothing reads PENDING).
    const pendingAs = ctx.alertWebhookMissing ? 'NOT_CONFIGURED' : 'PENDING';
    if (filter.status === 'NOT_CONFIGURED' || filter.status === 'PENDING') {
      if (filter.status !== pendingAs) return emptyConnection();
      where.push({ deliveryStatus: 'PENDING' });
    } else where.push({ deliveryStatus: filter.status });
  }
  if (filter?.kind) where.push({ kind: filter.kind });
  if (typeof filter?.open === 'boolean') where.push({ resolvedAt: filter.open ? null : { not: null } });
  if (filter?.productId) where.push({ productId: filter.productId });
  if (cursor) {
    const at = new Date(cursor.createdAt);
    where.push({ OR: [{ occurredAt: { lt: at } }, { occurredAt: at, id: { lt: cursor.id } }] });
  }
  const rows = await ctx.prisma.stockAlert.findMany({
    where: { AND: where },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: first + 1,
  });
  for (const node of rows) ctx.loaders.stockAlert.prime(node.id, node);
  return connection(rows, first, (node) => createdAtCursor.encode({ createdAt: node.occurredAt.toISOString(), id: node.id }));
}

/** The model's fields from RETURNING, in the Prisma model's shape. */
const RETURNING_ALERT = Prisma.sql`RETURNING id, product_id AS "productId", stock, threshold, stock_version AS "stockVersion",
  occurred_at AS "occurredAt", delivery_status::text AS "deliveryStatus", attempts, last_error AS "lastError",
  last_attempt_at AS "lastAttemptAt", next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt",
  kind::text AS kind, resolved_at AS "resolvedAt"`;

/**
 * Starts a new delivery round, whatever the alert's status: PENDING, attempts 0, due now. The
 * receiver may get an alert it already has; it de-duplicates by the delivery id (the alert id).
 */
export async function redeliverStockAlert(ctx: Context, id: string): Promise<StockAlertModel> {
  requireRole(ctx.identity, STAFF_ROLES, 'redeliver low-stock alerts');
  if (!isUuid(id)) throw notFound('stock alert', id);
  const [row] = await ctx.prisma.$queryRaw<StockAlertModel[]>`
    UPDATE products.stock_alerts
    SET delivery_status = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = NULL, delivered_at = NULL
    WHERE id = ${id}::uuid
    ${RETURNING_ALERT}`;
  if (!row) throw notFound('stock alert', id);
  ctx.log.info({ alertId: id, productId: row.productId }, 'low-stock alert queued for redelivery');
  ctx.loaders.stockAlert.clear(id).prime(id, row);
  ctx.alertWorker?.wake();
  void ctx.events
    .publish(Topic.StockAlertUpdated, { alertId: id, productId: row.productId, change: 'DELIVERY', occurredAt: new Date().toISOString() })
    .catch((err: unknown) => ctx.log.warn({ err }, 'stock alert event not published'));
  return row;
}
