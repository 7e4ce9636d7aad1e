import { requireRole } from '@bodega/auth';
import { Prisma, type User } from '@bodega/db';
import { notFound, parseInput } from '@bodega/errors';
import type { Context } from '../context';
import { setRoleArgs } from './input';

/** The caller's own account; null without an access token (or when the account is gone). */
export async function me(ctx: Context): Promise<User | null> {
  const identity = await ctx.identity();
  return identity ? ctx.loaders.user.load(identity.userId) : null;
}

/** For other subgraphs' references; batched, so a list of users costs one query. */
export function userById(ctx: Context, id: string): Promise<User | null> {
  return ctx.loaders.user.load(id);
}

/**
 * ADMIN only. Access tokens already issued keep their role until they expire (15 minutes at
 * most); the next refresh reads the new one.
 */
export async function setUserRole(ctx: Context, args: unknown): Promise<User> {
  const admin = requireRole(await ctx.identity(), ['ADMIN'], 'change roles');
  const { userId, role } = parseInput(setRoleArgs, args);
  try {
    const user = await ctx.prisma.user.update({ where: { id: userId }, data: { role } });
    ctx.log.info({ userId, role, by: admin.userId }, 'role changed');
    return user;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') throw notFound('user', userId);
    throw error;
  }
}
