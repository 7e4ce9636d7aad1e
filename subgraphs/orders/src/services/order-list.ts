import { forbidden, notFound, parseInput } from '@bodega/errors';
import { isUuid, Prisma, type Order } from '@bodega/db';
import { requireIdentity, type Identity } from '@bodega/auth';
import { connection, createdAtCursor, createdAtCursorOf, pageArgs, type CountedConnection, type Edge } from '@bodega/paging';
import { z } from 'zod';
import type { Context } from '../context';
import { VISIBLE_STATUSES } from './statuses';
import { isStaff, maySee } from './visibility';

export type OrderPage = CountedConnection<Order>;
export type OrderEdgeModel = Edge<Order>;

const listArgs = pageArgs.extend({
  filter: z
    .object({ status: z.enum(VISIBLE_STATUSES as [string, ...string[]]).nullish(), customerId: z.string().refine(isUuid, 'must be a user id').nullish() })
    .nullish(),
});

export async function getOrder(ctx: Context, id: string): Promise<Order | null> {
  const identity = requireIdentity(ctx.identity, 'see orders');
  const order = isUuid(id) ? await ctx.loaders.order.load(id) : null;
  return maySee(identity, order) ? order : null;
}

/** `orders`: customers get their own, staff everything (optionally one customer's). */
export function listOrders(ctx: Context, args: unknown): Promise<OrderPage> {
  const identity = requireIdentity(ctx.identity, 'see orders');
  const { first, after, filter } = parseInput(listArgs, args);
  const customerId = isStaff(identity) ? (filter?.customerId ?? null) : identity.userId;
  if (filter?.customerId && !isStaff(identity) && filter.customerId !== identity.userId) {
    throw forbidden('Customers see only their own orders; leave filter.customerId out.');
  }
  return pageOfOrders(ctx, { first, after: after ?? null, status: filter?.status ?? null, customerId });
}

/** `User.orders`: the user themselves or staff. */
export function ordersOfUser(ctx: Context, userId: string, args: unknown): Promise<OrderPage> {
  const identity: Identity = requireIdentity(ctx.identity, 'see orders');
  if (!isStaff(identity) && identity.userId !== userId) throw forbidden("Only the customer and staff may see a customer's orders.");
  if (!isUuid(userId)) throw notFound('user', userId);
  const { first, after } = parseInput(pageArgs, args);
  return pageOfOrders(ctx, { first, after: after ?? null, status: null, customerId: userId });
}

interface PageQuery {
  first: number;
  after: string | null;
  status: string | null;
  customerId: string | null;
}

/** Newest first, keyset on (created_at, id) so pages stay stable while orders come in. */
async function pageOfOrders(ctx: Context, query: PageQuery): Promise<OrderPage> {
  const cursor = query.after ? createdAtCursor.decode(query.after) : null;
  const conditions = [
    query.status
      ? Prisma.sql`o.status = ${query.status}::orders.order_status`
      : Prisma.sql`o.status IN (${Prisma.join(VISIBLE_STATUSES.map((status) => Prisma.sql`${status}::orders.order_status`))})`,
  ];
  if (query.customerId) conditions.push(Prisma.sql`o.customer_id = ${query.customerId}::uuid`);
  const where = (extra: Prisma.Sql[]) => Prisma.sql`WHERE ${Prisma.join([...conditions, ...extra], ' AND ')}`;
  const keyset = cursor ? [Prisma.sql`(o.created_at, o.id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`] : [];
  const rows = await ctx.prisma.$queryRaw<Array<{ id: string }>>`
    SELECT o.id FROM orders.orders o ${where(keyset)} ORDER BY o.created_at DESC, o.id DESC LIMIT ${query.first + 1}`;
  const loaded = await ctx.loaders.order.loadMany(rows.map((row) => row.id));
  const orders = loaded.filter((order): order is Order => order !== null && !(order instanceof Error));
  return connection(orders, query.first, createdAtCursorOf, {
    totalCount: async () => {
      const [count] = await ctx.prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM orders.orders o ${where([])}`;
      return Number(count?.count ?? 0);
    },
  });
}
