import { Prisma, type Product } from '@bodega/db';
import { Topic, type StockChangeReason } from '@bodega/events';
import type { Context } from '../context';

/** A committed stock change: the product as it left it, and the alert it recorded, if any. */
export interface StockChangeResult {
  product: Product;
  delta: number;
  reason: StockChangeReason;
  alertId: string | null;
}

export type ChangedRow = Product & { delta: number; alertId: string | null };

type Queryable = Pick<Context['prisma'], '$queryRaw'>;

/** The changed product in the Prisma model's shape, plus the delta: RETURNING of an UPDATE on products `p`. */
export const CHANGED_COLUMNS = Prisma.sql`p.id, p.name, p.keywords, p.description, p.category_id AS "categoryId",
  p.price_amount AS "priceAmount", p.price_currency AS "priceCurrency", p.stock,
  p.low_stock_threshold AS "lowStockThreshold", p.stock_version AS "stockVersion",
  p.enrichment_status::text AS "enrichmentStatus", p.enrichment_source::text AS "enrichmentSource",
  p.enrichment_error AS "enrichmentError", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/**
 * The CTE steps after a `changed AS (UPDATE … RETURNING CHANGED_COLUMNS, <delta> AS delta)`:
 * records the low-stock alert (outbox) of each row this very change took from >= threshold to
 * < threshold, and selects the changed rows with their alert's id. In the same statement as the
 * change, so the alert exists exactly when the change does, and concurrent changes (serialised
 * by the row lock) can never both, or neither, cross.
 */
export const RECORD_ALERTS = Prisma.sql`, alert AS (
    INSERT INTO products.stock_alerts (product_id, stock, threshold, stock_version)
    SELECT id, stock, "lowStockThreshold", "stockVersion" FROM changed
    WHERE stock - delta >= "lowStockThreshold" AND stock < "lowStockThreshold"
    RETURNING id, product_id
  )
  SELECT changed.*, alert.id AS "alertId" FROM changed LEFT JOIN alert ON alert.product_id = changed.id`;

/**
 * One conditional UPDATE (and its alert): returns null when the guard matched no row, in which
 * case stock is left exactly as it was.
 */
export async function applyStockChange(
  db: Queryable,
  productId: string,
  delta: number,
  reason: StockChangeReason,
  guard: Prisma.Sql,
): Promise<StockChangeResult | null> {
  const rows = await db.$queryRaw<ChangedRow[]>`
    WITH changed AS (
      UPDATE products.products p
      SET stock = stock + ${delta}, stock_version = stock_version + 1, updated_at = now()
      WHERE id = ${productId}::uuid AND ${guard}
      RETURNING ${CHANGED_COLUMNS}, ${delta}::int AS delta
    ) ${RECORD_ALERTS}`;
  return rows[0] ? toResult(rows[0], reason) : null;
}

export function toResult(row: ChangedRow, reason: StockChangeReason): StockChangeResult {
  const { alertId, delta, ...product } = row;
  return { product, delta, reason, alertId };
}

/**
 * Announces changes that have committed (never from inside a transaction: a rolled-back
 * change must not announce itself). Not awaited by callers' responses: a slow or restarting
 * Redis must not hold up a sale; ioredis keeps commands in order while reconnecting.
 */
export function announceStockChanges(ctx: Context, changes: readonly StockChangeResult[]): void {
  const occurredAt = new Date().toISOString();
  const published: Array<Promise<void>> = [];
  for (const { product, delta, reason, alertId } of changes) {
    ctx.log.info({ productId: product.id, stock: product.stock, delta, reason, version: product.stockVersion }, 'stock changed');
    ctx.loaders.product.clear(product.id).prime(product.id, product);
    const threshold = product.lowStockThreshold;
    published.push(
      ctx.events.publish(Topic.StockChanged, {
        productId: product.id,
        stock: product.stock,
        delta,
        reason,
        lowStockThreshold: threshold,
        version: product.stockVersion,
        occurredAt,
      }),
    );
    if (alertId) {
      ctx.log.info({ productId: product.id, alertId, stock: product.stock, threshold }, 'low-stock alert recorded');
      published.push(
        ctx.events.publish(Topic.LowStockAlert, {
          alertId,
          productId: product.id,
          stock: product.stock,
          threshold,
          version: product.stockVersion,
          occurredAt,
        }),
      );
    }
  }
  void Promise.all(published).catch((err: unknown) => ctx.log.warn({ err }, 'stock event not published'));
}
