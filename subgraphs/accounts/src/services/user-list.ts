import { requireRole } from '@bodega/auth';
import type { Prisma, User } from '@bodega/db';
import { badUserInput, parseInput } from '@bodega/errors';
import type { Context } from '../context';
import { isUuid } from './ids';
import { pageArgs } from './input';

export interface UserEdgeModel {
  cursor: string;
  node: User;
}

export interface UserPage {
  edges: UserEdgeModel[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client asks for it. */
  totalCount: () => Promise<number>;
}

interface Cursor {
  createdAt: string;
  id: string;
}

const encodeCursor = (user: User): string =>
  Buffer.from(JSON.stringify({ createdAt: user.createdAt.toISOString(), id: user.id } satisfies Cursor)).toString('base64url');

function decodeCursor(value: string): Cursor {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    cursor = undefined;
  }
  if (
    !cursor ||
    typeof cursor !== 'object' ||
    typeof cursor.id !== 'string' ||
    !isUuid(cursor.id) ||
    typeof cursor.createdAt !== 'string' ||
    Number.isNaN(Date.parse(cursor.createdAt))
  ) {
    throw badUserInput('after: not a cursor from this list; use pageInfo.endCursor of the previous page.', 'after');
  }
  return { createdAt: cursor.createdAt, id: cursor.id };
}

/** ADMIN only. Oldest first, keyset paging on (createdAt, id), so pages stay stable under sign-ups. */
export async function listUsers(ctx: Context, args: unknown): Promise<UserPage> {
  requireRole(await ctx.identity(), ['ADMIN'], 'list users');
  const { first, after } = parseInput(pageArgs, args);
  const cursor = after ? decodeCursor(after) : null;
  const where: Prisma.UserWhereInput = cursor
    ? {
        OR: [
          { createdAt: { gt: new Date(cursor.createdAt) } },
          { createdAt: new Date(cursor.createdAt), id: { gt: cursor.id } },
        ],
      }
    : {};
  const rows = await ctx.prisma.user.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: first + 1 });
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => ctx.prisma.user.count(),
  };
}
