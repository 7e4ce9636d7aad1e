import { requireService } from '@bodega/auth';
import { Prisma } from '@bodega/db';
import { badUserInput, notFound, outOfStock, parseInput } from '@bodega/errors';
import { z } from 'zod';
import type { Context } from '../context';
import { isUuid } from '@bodega/db';
import { MAX_QUANTITY } from './product-input';
import { announceStockChanges, applyStockChange, lockProducts, CHANGED_COLUMNS, recordEffects, toResult, type ChangedRow, type StockChangeResult } from './stock-change';

/**
 * Stock taken for one order, keyed by the order's id (see README "Orders"). Taking and
 * returning are idempotent: repeating either changes nothing, and once returned (RELEASED),
 * the order id can never take stock again, so a late or repeated reserve is harmless.
 */
export interface ReservationModel {
  orderId: string;
  status: 'RESERVED' | 'RELEASED';
  items: Array<{ productId: string; quantity: number; unitPrice: { amount: string; currencyCode: string } }>;
}

const MAX_ITEMS = 50;
const reserveInput = z.object({
  orderId: z.string().refine(isUuid, 'must be a UUID'),
  items: z
    .array(z.object({ productId: z.string(), quantity: z.number().int().min(1).max(MAX_QUANTITY) }))
    .min(1, 'must hold at least one item')
    .max(MAX_ITEMS, `must hold at most ${MAX_ITEMS} items`)
    .refine((items) => new Set(items.map((item) => item.productId)).size === items.length, 'must name each product once'),
});

export async function reserveStock(ctx: Context, rawInput: unknown): Promise<ReservationModel> {
  requireService(ctx.identity, 'take stock for orders');
  const { orderId, items } = parseInput(reserveInput, rawInput);
  for (const item of items) if (!isUuid(item.productId)) throw notFound('product', item.productId);
  const ids = items.map((item) => item.productId);
  let changes: StockChangeResult[] = [];
  const reservation = await ctx.prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<unknown[]>`
      INSERT INTO products.stock_reservations (order_id, status) VALUES (${orderId}::uuid, 'RESERVED')
      ON CONFLICT (order_id) DO NOTHING RETURNING order_id`;
    if (claimed.length === 0) return readReservation(tx, orderId);
    // One lock order for every transaction that takes several products: no deadlocks.
    if (items.length > 1) await lockProducts(tx, ids);
    // Every item, its reservation line and any alert in one statement: the hot row stays locked
    // for one round trip and the commit, not for a conversation.
    const rows = await tx.$queryRaw<ChangedRow[]>`
      WITH wanted AS (
        SELECT * FROM unnest(${ids}::uuid[], ${items.map((item) => item.quantity)}::int[]) AS w(product_id, quantity)
      ), changed AS (
        UPDATE products.products p
        SET stock = p.stock - w.quantity, stock_version = p.stock_version + 1, updated_at = now()
        FROM wanted w
        WHERE p.id = w.product_id AND p.stock >= w.quantity AND p.price_amount IS NOT NULL AND p.price_currency IS NOT NULL
          AND p.archived_at IS NULL
        RETURNING ${CHANGED_COLUMNS}, -w.quantity AS delta
      ), lines AS (
        INSERT INTO products.stock_reservation_items (order_id, product_id, quantity, unit_price_amount, currency)
        SELECT ${orderId}::uuid, id, -delta, "priceAmount", "priceCurrency" FROM changed
      ) ${recordEffects({ reason: 'ORDER', actorId: null, orderId })}`;
    if (rows.length < items.length) {
      const taken = new Set(rows.map((row) => row.id));
      const short = items.find((item) => !taken.has(item.productId))!;
      throw await whyNotTaken(tx, short.productId, short.quantity);
    }
    const currencies = new Set(rows.map((row) => row.priceCurrency));
    if (currencies.size > 1) {
      throw badUserInput(`An order is paid in one currency; these products are priced in ${[...currencies].join(' and ')}.`, 'items');
    }
    changes = rows.map((row) => toResult(row, 'ORDER'));
    return {
      orderId,
      status: 'RESERVED' as const,
      items: items.map((item) => {
        const row = rows.find((candidate) => candidate.id === item.productId)!;
        return { ...item, unitPrice: { amount: row.priceAmount!.toFixed(2), currencyCode: row.priceCurrency! } };
      }),
    };
  });
  if (changes.length) {
    ctx.log.info({ orderId, items: changes.length }, 'stock reserved');
    announceStockChanges(ctx, changes);
  }
  return reservation;
}

/** Returns an order's stock once; for an order that never took any, leaves a tombstone. */
export async function releaseStock(ctx: Context, orderId: string): Promise<ReservationModel> {
  requireService(ctx.identity, 'return stock of orders');
  if (!isUuid(orderId)) throw badUserInput('The order id must be a UUID.', 'orderId');
  const changes: StockChangeResult[] = [];
  const reservation = await ctx.prisma.$transaction(async (tx) => {
    const tombstone = await tx.$queryRaw<unknown[]>`
      INSERT INTO products.stock_reservations (order_id, status, released_at) VALUES (${orderId}::uuid, 'RELEASED', now())
      ON CONFLICT (order_id) DO NOTHING RETURNING order_id`;
    if (tombstone.length) return readReservation(tx, orderId);
    const released = await tx.$queryRaw<unknown[]>`
      UPDATE products.stock_reservations SET status = 'RELEASED', released_at = now()
      WHERE order_id = ${orderId}::uuid AND status = 'RESERVED' RETURNING order_id`;
    if (released.length === 0) return readReservation(tx, orderId);
    const items = await tx.stockReservationItem.findMany({ where: { orderId }, orderBy: { productId: 'asc' } });
    for (const item of items) {
      const change = await applyStockChange({ tx }, item.productId, item.quantity, { reason: 'CANCEL', actorId: null, orderId }, Prisma.sql`true`);
      if (change) changes.push(change);
    }
    return readReservation(tx, orderId);
  });
  if (changes.length) {
    ctx.log.info({ orderId, items: changes.length }, 'stock released');
    announceStockChanges(ctx, changes);
  }
  return reservation;
}

type Tx = Prisma.TransactionClient;

async function readReservation(tx: Tx, orderId: string): Promise<ReservationModel> {
  const row = await tx.stockReservation.findUniqueOrThrow({ where: { orderId }, include: { items: true } });
  return {
    orderId,
    status: row.status,
    items: row.items.map((item) => ({
      productId: item.productId,
      quantity: item.quantity,
      unitPrice: { amount: item.unitPriceAmount.toFixed(2), currencyCode: item.currency },
    })),
  };
}

async function whyNotTaken(tx: Tx, productId: string, quantity: number) {
  const product = await tx.product.findUnique({ where: { id: productId } });
  if (!product) return notFound('product', productId);
  if (product.archivedAt) return badUserInput(`"${product.name}" is no longer sold.`, 'items');
  if (product.priceAmount === null || product.priceCurrency === null) {
    return badUserInput(`"${product.name}" has no price yet, so it cannot be ordered.`, 'items');
  }
  return outOfStock(product, quantity);
}
