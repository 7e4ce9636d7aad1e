import { Prisma, type Product } from '@bodega/db';
import { badUserInput, notFound, outOfStock, parseInput } from '@bodega/errors';
import { Topic, type StockChangeReason } from '@bodega/events';
import type { Context } from '../context';
import { isUuid } from './ids';
import { MAX_STOCK, quantity as quantitySchema } from './product-input';
import { requireProduct } from './products';

/** The product as this change left it, in the Prisma model's shape. */
const RETURNING_PRODUCT = Prisma.sql`RETURNING id, name, keywords, description, category_id AS "categoryId",
  price_amount AS "priceAmount", price_currency AS "priceCurrency", stock, low_stock_threshold AS "lowStockThreshold",
  stock_version AS "stockVersion", enrichment_status::text AS "enrichmentStatus",
  enrichment_source::text AS "enrichmentSource", enrichment_error AS "enrichmentError",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * "Simulate sale": one conditional UPDATE, so concurrent sales can never take
 * stock below zero; when it matches no row, stock is left exactly as it was.
 */
export async function sellProduct(ctx: Context, id: string, quantity: number): Promise<Product> {
  const amount = parseInput(quantitySchema, quantity, 'quantity');
  const row = await changeStock(ctx, id, -amount, Prisma.sql`stock >= ${amount}`);
  if (!row) {
    const product = await requireProduct(ctx, id);
    throw outOfStock(product, amount);
  }
  return afterChange(ctx, row, -amount, 'SALE');
}

export async function restockProduct(ctx: Context, id: string, quantity: number): Promise<Product> {
  const amount = parseInput(quantitySchema, quantity, 'quantity');
  const row = await changeStock(ctx, id, amount, Prisma.sql`stock <= ${MAX_STOCK - amount}`);
  if (!row) {
    const product = await requireProduct(ctx, id);
    throw badUserInput(`quantity: stock would exceed ${MAX_STOCK} (now ${product.stock}).`, 'quantity');
  }
  return afterChange(ctx, row, amount, 'RESTOCK');
}

async function changeStock(ctx: Context, id: string, delta: number, guard: Prisma.Sql): Promise<Product | null> {
  if (!isUuid(id)) throw notFound('product', id);
  const rows = await ctx.prisma.$queryRaw<Product[]>`
    UPDATE products.products
    SET stock = stock + ${delta}, stock_version = stock_version + 1, updated_at = now()
    WHERE id = ${id}::uuid AND ${guard}
    ${RETURNING_PRODUCT}`;
  return rows[0] ?? null;
}

/**
 * The UPDATE has committed (autocommit) before any event goes out. Returns the row as this
 * change left it, not a later read that other concurrent sales may already have moved.
 */
function afterChange(ctx: Context, row: Product, delta: number, reason: StockChangeReason): Product {
  ctx.log.info({ productId: row.id, stock: row.stock, delta, reason, version: row.stockVersion }, 'stock changed');
  ctx.loaders.product.clear(row.id).prime(row.id, row);
  const occurredAt = new Date().toISOString();
  const threshold = row.lowStockThreshold;
  const published = [
    ctx.events.publish(Topic.StockChanged, {
      productId: row.id,
      stock: row.stock,
      delta,
      reason,
      lowStockThreshold: threshold,
      version: row.stockVersion,
      occurredAt,
    }),
  ];
  const before = row.stock - delta;
  if (before >= threshold && row.stock < threshold) {
    published.push(
      ctx.events.publish(Topic.LowStockAlert, { productId: row.id, stock: row.stock, threshold, version: row.stockVersion, occurredAt }),
    );
  }
  // Not awaited: a slow or restarting Redis must not hold up the sale. ioredis keeps
  // commands in order and queues them while reconnecting.
  void Promise.all(published).catch((err: unknown) => ctx.log.warn({ err, productId: row.id }, 'stock event not published'));
  return row;
}
