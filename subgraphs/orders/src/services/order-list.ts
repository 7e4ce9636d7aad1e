import { badUserInput, forbidden, notFound, pageArgs, parseInput } from '@bodega/errors';
import { Prisma, type Order } from '@bodega/db';
import { requireIdentity, type Identity } from '@bodega/auth';
import { z } from 'zod';
import type { Context } from '../context';
import { isUuid } from './ids';
import { VISIBLE_STATUSES } from './statuses';
import { isStaff, maySee } from './visibility';

export interface OrderEdgeModel {
  cursor: string;
  node: Order;
}

export interface OrderPage {
  edges: OrderEdgeModel[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client asks for it. */
  totalCount: () => Promise<number>;
}

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
  const cursor = query.after ? decodeCursor(query.after) : null;
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
  const page = rows.slice(0, query.first);
  const orders = await ctx.loaders.order.loadMany(page.map((row) => row.id));
  const edges = orders.flatMap((node) =>
    node && !(node instanceof Error) ? [{ cursor: encodeCursor(node), node }] : [],
  );
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > query.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: async () => {
      const [count] = await ctx.prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM orders.orders o ${where([])}`;
      return Number(count?.count ?? 0);
    },
  };
}

function encodeCursor(order: Order): string {
  return Buffer.from(JSON.stringify({ createdAt: order.createdAt.toISOString(), id: order.id })).toString('base64url');
}

function decodeCursor(value: string): { createdAt: string; id: string } {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { createdAt?: unknown; id?: unknown };
    if (typeof cursor.createdAt === 'string' && !Number.isNaN(Date.parse(cursor.createdAt)) && typeof cursor.id === 'string' && isUuid(cursor.id)) {
      return { createdAt: cursor.createdAt, id: cursor.id };
    }
  } catch {
    // falls through to the error below
  }
  throw badUserInput('after: not a cursor from this list; use pageInfo.endCursor of the previous page.', 'after');
}
