import { requireRole } from '@bodega/auth';
import type { User } from '@bodega/db';
import { conflict, notFound, parseInput } from '@bodega/errors';
import type { Context } from '../context';
import { setRoleArgs } from './input';
import { announceSessionChange } from './standing';

/** The caller's own account; null without an access token (or when the account is gone). */
export async function me(ctx: Context): Promise<User | null> {
  const identity = ctx.identity;
  return identity ? ctx.loaders.user.load(identity.userId) : null;
}

/** For other subgraphs' references; batched, so a list of users costs one query. */
export function userById(ctx: Context, id: string): Promise<User | null> {
  return ctx.loaders.user.load(id);
}

/**
 * ADMIN only. The user's access tokens stop working at once everywhere (they state the old role);
 * the next refresh carries the new one. Demoting the last ADMIN is CONFLICT: admins' rows are
 * locked first, so two admins demoting each other at once cannot both succeed.
 */
export async function setUserRole(ctx: Context, args: unknown): Promise<User> {
  const admin = requireRole(ctx.identity, ['ADMIN'], 'change roles');
  const { userId, role } = parseInput(setRoleArgs, args);
  const { user, changed } = await ctx.prisma.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id::text AS id FROM accounts.users WHERE role = 'ADMIN' ORDER BY id FOR UPDATE`;
    const target = await tx.user.findUnique({ where: { id: userId } });
    if (!target) throw notFound('user', userId);
    if (target.role === role) return { user: target, changed: false };
    if (target.role === 'ADMIN' && admins.length <= 1) {
      throw conflict('This is the last ADMIN: make another user ADMIN before changing this one\'s role.');
    }
    return { user: await tx.user.update({ where: { id: userId }, data: { role } }), changed: true };
  });
  if (changed) {
    ctx.log.info({ userId, role, by: admin.userId }, 'role changed');
    await announceSessionChange(ctx, userId, 'ROLE_CHANGED');
  }
  return user;
}
