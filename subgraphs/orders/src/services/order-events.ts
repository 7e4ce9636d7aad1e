import { requireIdentity, type Identity } from '@bodega/auth';
import type { Order } from '@bodega/db';
import { Topic, topicStream, type OrderEventPayload, type OrderEventType, type OrderStatus } from '@bodega/events';
import type { Context } from '../context';
import { isStaff } from './visibility';

/** After commit, never inside the transaction; not awaited, so Redis trouble never fails an order. */
export function publishOrderEvent(ctx: Context, order: Order, type: OrderEventType, previousStatus: OrderStatus | null): void {
  const payload: OrderEventPayload = {
    type,
    orderId: order.id,
    customerId: order.customerId,
    status: order.status as OrderStatus,
    previousStatus,
    occurredAt: new Date().toISOString(),
  };
  ctx.events.publish(Topic.OrderEvent, payload).catch((err: unknown) => ctx.log.warn({ err, orderId: order.id }, 'order event not published'));
}

/** Staff hear every order; a customer hears only their own. */
export function orderEvents(ctx: Context): AsyncIterableIterator<OrderEventPayload> {
  const identity = requireIdentity(ctx.identity, 'follow orders');
  const everything = isStaff(identity);
  return topicStream(
    ctx.events,
    Topic.OrderEvent,
    (emit) => ({ push: (event) => (everything || event.customerId === identity.userId ? emit(event) : undefined) }),
    { onDrop: () => ctx.log.warn({ topic: Topic.OrderEvent }, 'subscription reader too slow: oldest event dropped') },
  );
}
