import { requireIdentity, requireRole, STAFF_ROLES, type Identity } from '@bodega/auth';
import type { Order } from '@bodega/db';
import { badUserInput, invalidTransition, notFound } from '@bodega/errors';
import type { OrderStatus } from '@bodega/events';
import type { Context } from '../context';
import { publishOrderEvent } from './order-events';
import { isUuid } from '@bodega/db';
import { canMove, nextStatuses, VISIBLE_STATUSES } from './statuses';
import { maySee } from './visibility';

export async function cancelOrder(ctx: Context, id: string): Promise<Order> {
  const identity = requireIdentity(ctx.identity, 'cancel an order');
  return moveOrder(ctx, identity, id, 'CANCELLED');
}

export async function setOrderStatus(ctx: Context, id: string, status: string): Promise<Order> {
  const identity = requireRole(ctx.identity, STAFF_ROLES, 'change the status of orders');
  if (!(VISIBLE_STATUSES as readonly string[]).includes(status)) throw badUserInput(`${status} is not an order status.`, 'status');
  return moveOrder(ctx, identity, id, status as OrderStatus);
}

/**
 * One status change under the order's row lock, with its history entry. Cancelling marks the
 * order CANCELLED first and returns the stock after commit (idempotent by order id); if that
 * call fails, recovery retries it, so a cancelled order never keeps its stock.
 */
async function moveOrder(ctx: Context, identity: Identity, id: string, to: OrderStatus): Promise<Order> {
  if (!isUuid(id)) throw notFound('order', id);
  const outcome = await ctx.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM orders.orders WHERE id = ${id}::uuid FOR UPDATE`;
    const order = await tx.order.findUnique({ where: { id } });
    // Someone else's order is "not found" to a customer: no hint that it exists.
    if (!maySee(identity, order)) throw notFound('order', id);
    const from = order.status as OrderStatus;
    if (!canMove(from, to)) throw invalidTransition('An order', from, to, nextStatuses(from));
    const updated = await tx.order.update({
      where: { id },
      data: { status: to, ...(to === 'CANCELLED' ? { stockReleasedAt: null } : {}) },
    });
    await tx.orderStatusChange.create({ data: { orderId: id, status: to, changedBy: identity.userId } });
    return { updated, from };
  });
  ctx.log.info({ orderId: id, from: outcome.from, to }, 'order status changed');
  if (to === 'CANCELLED') {
    publishOrderEvent(ctx, outcome.updated, 'CANCELLED', outcome.from);
    return returnStock(ctx, outcome.updated);
  }
  publishOrderEvent(ctx, outcome.updated, 'STATUS_CHANGED', outcome.from);
  return outcome.updated;
}

/** Returns a cancelled order's stock now if the products subgraph answers, else leaves it to recovery. */
export async function returnStock(ctx: Pick<Context, 'prisma' | 'stock' | 'log' | 'requestId'>, order: Order): Promise<Order> {
  try {
    await ctx.stock.release(order.id, ctx.requestId);
    return await ctx.prisma.order.update({ where: { id: order.id }, data: { stockReleasedAt: new Date() } });
  } catch (err) {
    ctx.log.warn({ err, orderId: order.id }, 'stock of a cancelled order not returned yet; recovery will retry');
    return order;
  }
}
