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

type Queryable = Pick<Context['prisma'], '$queryRaw'>;

/**
 * One conditional UPDATE that also records the low-stock alert (outbox) when this very
 * change takes stock from >= threshold to < threshold: one statement, so the alert exists
 * exactly when the change does, and concurrent changes can never both (or neither) cross.
 * Returns null when the guard matched no row (stock left exactly as it was).
 */
export async function applyStockChange(
  db: Queryable,
  productId: string,
  delta: number,
  reason: StockChangeReason,
  guard: Prisma.Sql,
): Promise<StockChangeResult | null> {
  const rows = await db.$queryRaw<Array<Product & { alertId: string | null }>>`
    WITH changed AS (
      UPDATE products.products
      SET stock = stock + ${delta}, stock_version = stock_version + 1, updated_at = now()
      WHERE id = ${productId}::uuid AND ${guard}
      RETURNING id, name, keywords, description, category_id AS "categoryId",
        price_amount AS "priceAmount", price_currency AS "priceCurrency", stock,
        low_stock_threshold AS "lowStockThreshold", stock_version AS "stockVersion",
        enrichment_status::text AS "enrichmentStatus", enrichment_source::text AS "enrichmentSource",
        enrichment_error AS "enrichmentError", created_at AS "createdAt", updated_at AS "updatedAt"
    ), alert AS (
      INSERT INTO products.stock_alerts (product_id, stock, threshold, stock_version)
      SELECT id, stock, "lowStockThreshold", "stockVersion" FROM changed
      WHERE stock - ${delta} >= "lowStockThreshold" AND stock < "lowStockThreshold"
      RETURNING id
    )
    SELECT changed.*, (SELECT id FROM alert) AS "alertId" FROM changed`;
  const row = rows[0];
  if (!row) return null;
  const { alertId, ...product } = row;
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
