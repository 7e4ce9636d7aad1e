import { Prisma } from '@bodega/db';
import type { OrderItemResolvers, OrderResolvers, OrderStatusChangeResolvers } from '../generated/graphql';
import { maySee } from '../services/visibility';

export const Order: OrderResolvers = {
  __resolveReference: async (reference, ctx) => {
    const order = await ctx.loaders.order.load(reference.id);
    return maySee(ctx.identity, order) ? order : null;
  },
  status: (order) => order.status as never,
  customer: (order) => ({ __typename: 'User', id: order.customerId }),
  items: (order, _args, ctx) => ctx.loaders.items.load(order.id),
  total: (order) => ({ amount: (order.totalAmount ?? new Prisma.Decimal(0)).toFixed(2), currencyCode: order.currency ?? '' }),
  statusHistory: (order, _args, ctx) => ctx.loaders.history.load(order.id),
};

export const OrderItem: OrderItemResolvers = {
  product: (item) => ({ __typename: 'Product', id: item.productId }),
  unitPrice: (item, _args, ctx) => ctx.loaders.order.load(item.orderId).then((order) => money(item.unitPriceAmount, order?.currency)),
  subtotal: (item, _args, ctx) =>
    ctx.loaders.order.load(item.orderId).then((order) => money(item.unitPriceAmount?.times(item.quantity) ?? null, order?.currency)),
};

export const OrderStatusChange: OrderStatusChangeResolvers = {
  status: (change) => change.status as never,
  changedBy: (change) => (change.changedBy ? { __typename: 'User', id: change.changedBy } : null),
};

function money(amount: Prisma.Decimal | null, currency: string | null | undefined) {
  return { amount: (amount ?? new Prisma.Decimal(0)).toFixed(2), currencyCode: currency ?? '' };
}
