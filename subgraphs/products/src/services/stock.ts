import { Prisma, type Product } from '@bodega/db';
import { badUserInput, notFound, outOfStock, parseInput } from '@bodega/errors';
import { Topic, type StockChangeReason } from '@bodega/events';
import type { Context } from '../context';
import { isUuid } from './ids';
import { MAX_STOCK, quantity as quantitySchema } from './product-input';
import { requireProduct } from './products';

interface StockRow {
  id: string;
  stock: number;
  stock_version: number;
  low_stock_threshold: number;
}

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

async function changeStock(ctx: Context, id: string, delta: number, guard: Prisma.Sql): Promise<StockRow | null> {
  if (!isUuid(id)) throw notFound('product', id);
  const rows = await ctx.prisma.$queryRaw<StockRow[]>`
    UPDATE products.products
    SET stock = stock + ${delta}, stock_version = stock_version + 1, updated_at = now()
    WHERE id = ${id}::uuid AND ${guard}
    RETURNING id, stock, stock_version, low_stock_threshold`;
  return rows[0] ?? null;
}

/** The UPDATE has committed (autocommit) before any event goes out. */
async function afterChange(ctx: Context, row: StockRow, delta: number, reason: StockChangeReason): Promise<Product> {
  ctx.log.info({ productId: row.id, stock: row.stock, delta, reason, version: row.stock_version }, 'stock changed');
  ctx.loaders.product.clear(row.id);
  const occurredAt = new Date().toISOString();
  const threshold = row.low_stock_threshold;
  const published = [
    ctx.events.publish(Topic.StockChanged, {
      productId: row.id,
      stock: row.stock,
      delta,
      reason,
      lowStockThreshold: threshold,
      version: row.stock_version,
      occurredAt,
    }),
  ];
  const before = row.stock - delta;
  if (before >= threshold && row.stock < threshold) {
    published.push(
      ctx.events.publish(Topic.LowStockAlert, { productId: row.id, stock: row.stock, threshold, version: row.stock_version, occurredAt }),
    );
  }
  // Not awaited: a slow or restarting Redis must not hold up the sale. ioredis keeps
  // commands in order and queues them while reconnecting.
  void Promise.all(published).catch((err: unknown) => ctx.log.warn({ err, productId: row.id }, 'stock event not published'));
  return requireProduct(ctx, row.id);
}
