import { randomUUID } from 'node:crypto';
import { requireIdentity } from '@bodega/auth';
import { Prisma, type Order } from '@bodega/db';
import { conflict, parseInput } from '@bodega/errors';
import type { Context } from '../context';
import { ORDER_COLUMNS } from './order-columns';
import { publishOrderEvent } from './order-events';
import { placeOrderInput, requestHash, type OrderLine } from './order-input';
import { abandonOrder } from './abandon';
import { stockServiceDown, StockUnavailableError, type Reservation } from './stock-client';

/**
 * Placing an order (README "Orders"): 1. record it PENDING with its items, 2. take the stock
 * in the products subgraph keyed by the order id, 3. confirm it PLACED with the prices the
 * stock was taken at. A PENDING order is invisible; if step 2 fails or its outcome is unknown,
 * the order is abandoned, which returns the stock by order id. Recovery finishes what a
 * crash interrupted, so stock is never taken without an order, nor an order placed without stock.
 */
export async function placeOrder(ctx: Context, rawInput: unknown): Promise<Order> {
  const customer = requireIdentity(ctx.identity, 'place an order');
  const input = parseInput(placeOrderInput, rawInput, 'input');
  const order = await claimOrder(ctx, customer.userId, input.items, input.idempotencyKey);
  if (order.status !== 'PENDING') return order;

  let reservation: Reservation;
  try {
    reservation = await ctx.stock.reserve(order.id, input.items, ctx.requestId);
  } catch (error) {
    await abandonOrder(ctx, order.id).catch((err: unknown) => ctx.log.warn({ err, orderId: order.id }, 'abandon deferred to recovery'));
    if (error instanceof StockUnavailableError) {
      ctx.log.warn({ err: error, orderId: order.id }, 'stock service unavailable while placing an order');
      throw stockServiceDown();
    }
    throw error;
  }
  if (reservation.status === 'RELEASED') throw tookTooLong();
  return confirmOrder(ctx, order, reservation);
}

/** Inserts the PENDING order, or finds the one this customer already made with this key. */
async function claimOrder(ctx: Context, customerId: string, items: OrderLine[], key: string | null): Promise<Order> {
  const hash = requestHash(items);
  const id = randomUUID();
  // The order and its items in one statement (atomic without a transaction's round trips).
  const [claimed] = await ctx.prisma.$queryRaw<Order[]>`
    WITH inserted AS (
      INSERT INTO orders.orders (id, customer_id, idempotency_key, request_hash, status, updated_at)
      VALUES (${id}::uuid, ${customerId}::uuid, ${key}, ${hash}, 'PENDING', now())
      ON CONFLICT (customer_id, idempotency_key) DO NOTHING
      RETURNING ${ORDER_COLUMNS}
    ), lines AS (
      INSERT INTO orders.order_items (order_id, product_id, quantity, position)
      SELECT inserted.id, line.product_id, line.quantity, line.position - 1
      FROM inserted, unnest(${items.map((item) => item.productId)}::uuid[], ${items.map((item) => item.quantity)}::int[])
        WITH ORDINALITY AS line(product_id, quantity, position)
    )
    SELECT * FROM inserted`;
  if (claimed) return claimed;

  // The key was used before (or is being used right now): that order is the answer.
  const existing = await ctx.prisma.order.findUnique({ where: { customerId_idempotencyKey: { customerId, idempotencyKey: key! } } });
  if (!existing) throw tookTooLong(); // abandoned and removed between our insert and this read
  if (existing.requestHash !== hash) {
    throw conflict('This idempotencyKey was already used for an order with other items; use a new key for a new order.');
  }
  if (existing.status === 'ABANDONED') throw tookTooLong();
  ctx.log.info({ orderId: existing.id, status: existing.status }, 'idempotent replay of placeOrder');
  return existing; // PENDING: another request is placing it; reserving again by its id is harmless
}

/** PENDING → PLACED with the prices the stock was taken at; exactly one request wins. */
async function confirmOrder(ctx: Context, order: Order, reservation: Reservation): Promise<Order> {
  const currency = reservation.items[0]!.unitPrice.currencyCode;
  const total = reservation.items
    .reduce((sum, item) => sum.plus(new Prisma.Decimal(item.unitPrice.amount).times(item.quantity)), new Prisma.Decimal(0))
    .toFixed(2);
  // PENDING → PLACED, the prices and the first history entry in one statement; then its number
  // from the counter row, in the same transaction, so only placed orders take one (no gaps).
  const placed = await ctx.prisma.$transaction(async (tx) => {
    const [moved] = await tx.$queryRaw<Order[]>`
    WITH moved AS (
      UPDATE orders.orders
      SET status = 'PLACED', total_amount = ${total}::numeric, currency = ${currency}, placed_at = now(), updated_at = now()
      WHERE id = ${order.id}::uuid AND status = 'PENDING'
      RETURNING ${ORDER_COLUMNS}
    ), prices AS (
      UPDATE orders.order_items item SET unit_price_amount = price.amount
      FROM moved, unnest(${reservation.items.map((item) => item.productId)}::uuid[], ${reservation.items.map((item) => item.unitPrice.amount)}::numeric[])
        AS price(product_id, amount)
      WHERE item.order_id = moved.id AND item.product_id = price.product_id
    ), history AS (
      INSERT INTO orders.order_status_changes (order_id, status, changed_by)
      SELECT id, 'PLACED', "customerId" FROM moved
    )
    SELECT * FROM moved`;
    if (!moved) return undefined;
    const [numbered] = await tx.$queryRaw<Order[]>`
      WITH counter AS (
        UPDATE orders.order_number_counter SET last_number = last_number + 1 WHERE id = 1 RETURNING last_number
      )
      UPDATE orders.orders SET number = (SELECT last_number FROM counter) WHERE id = ${order.id}::uuid
      RETURNING ${ORDER_COLUMNS}`;
    return numbered;
  });
  if (placed) {
    ctx.log.info({ orderId: placed.id, number: placed.number, total }, 'order placed');
    publishOrderEvent(ctx, placed, 'PLACED', null);
    return placed;
  }
  // Another request with the same key confirmed it, or recovery abandoned it meanwhile.
  const current = await ctx.prisma.order.findUnique({ where: { id: order.id } });
  if (current && current.status !== 'PENDING' && current.status !== 'ABANDONED') return current;
  throw tookTooLong();
}

function tookTooLong() {
  return conflict('An earlier attempt with this idempotencyKey did not complete and was undone; place the order again.');
}
