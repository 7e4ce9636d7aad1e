import { requireRole } from '@bodega/auth';
import type { Prisma, User } from '@bodega/db';
import { parseInput } from '@bodega/errors';
import { connection, createdAtCursor, createdAtCursorOf, pageArgs, type CountedConnection, type Edge } from '@bodega/paging';
import type { Context } from '../context';

export type UserPage = CountedConnection<User>;
export type UserEdgeModel = Edge<User>;

/** ADMIN only. Oldest first, keyset paging on (createdAt, id), so pages stay stable under sign-ups. */
export async function listUsers(ctx: Context, args: unknown): Promise<UserPage> {
  requireRole(ctx.identity, ['ADMIN'], 'list users');
  const { first, after } = parseInput(pageArgs, args);
  const cursor = after ? createdAtCursor.decode(after) : null;
  const where: Prisma.UserWhereInput = cursor
    ? {
        OR: [
          { createdAt: { gt: new Date(cursor.createdAt) } },
          { createdAt: new Date(cursor.createdAt), id: { gt: cursor.id } },
        ],
      }
    : {};
  const rows = await ctx.prisma.user.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: first + 1 });
  return connection(rows, first, createdAtCursorOf, { totalCount: () => ctx.prisma.user.count() });
}
