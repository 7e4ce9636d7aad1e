import { requireIdentity } from '@bodega/auth';
import type { User } from '@bodega/db';
import { badUserInput, parseInput, unauthenticated } from '@bodega/errors';
import type { Context } from '../context';
import { changePasswordInput, updateProfileInput } from './input';
import { hashPassword, verifyPassword } from './passwords';
import { announceSessionChange } from './standing';

const ACCOUNT_GONE = 'This account no longer exists; sign in again.';
const WRONG_CURRENT_PASSWORD = 'Your current password is wrong.';
const SAME_PASSWORD = 'Choose a new password different from the current one.';

/** The signed-in user changes their own name; the email and role stay as they are. */
export async function updateMyProfile(ctx: Context, input: unknown): Promise<User> {
  const identity = requireIdentity(ctx.identity, 'change your profile');
  const { name } = parseInput(updateProfileInput, input, 'input');
  const { count } = await ctx.prisma.user.updateMany({ where: { id: identity.userId }, data: { name } });
  if (count === 0) throw unauthenticated(ACCOUNT_GONE);
  ctx.loaders.user.clear(identity.userId);
  ctx.log.info({ userId: identity.userId }, 'profile changed');
  return ctx.prisma.user.findUniqueOrThrow({ where: { id: identity.userId } });
}

/**
 * The signed-in user replaces their password after proving the current one. Every other session
 * ends (its refresh tokens are revoked and its access tokens refused everywhere); the one making
 * the change goes on. The new hash and the revocations commit together. Wrong current passwords count
 * against the log-in limits of the account's email.
 */
export async function changePassword(ctx: Context, input: unknown): Promise<boolean> {
  const identity = requireIdentity(ctx.identity, 'change your password');
  const { currentPassword, newPassword } = parseInput(changePasswordInput, input, 'input');
  const user = await ctx.prisma.user.findUnique({ where: { id: identity.userId } });
  if (!user) throw unauthenticated(ACCOUNT_GONE);
  // Guessing the current password is guessing a log-in: the same limits count it (RATE_LIMITED past them).
  const attempt = await ctx.loginLimiter.attempt(user.email, ctx.clientAddress);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    ctx.log.info({ userId: user.id }, 'password change refused: wrong current password');
    throw badUserInput(WRONG_CURRENT_PASSWORD, 'input.currentPassword');
  }
  await attempt.succeeded();
  if (currentPassword === newPassword) throw badUserInput(SAME_PASSWORD, 'input.newPassword');
  const passwordHash = await hashPassword(newPassword);
  const now = new Date();
  const keep = identity.sessionId;
  await ctx.prisma.$transaction([
    ctx.prisma.user.update({ where: { id: user.id }, data: { passwordHash } }),
    ctx.prisma.refreshToken.updateMany({
      where: { userId: user.id, revokedAt: null, ...(keep ? { NOT: { familyId: keep } } : {}) },
      data: { revokedAt: now },
    }),
  ]);
  ctx.log.info({ userId: user.id }, 'password changed; other sessions ended');
  await announceSessionChange(ctx, user.id, 'SESSION_REVOKED');
  return true;
}
