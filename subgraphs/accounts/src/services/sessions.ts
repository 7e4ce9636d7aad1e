import { randomUUID } from 'node:crypto';
import type { Prisma, User } from '@bodega/db';
import { unauthenticated } from '@bodega/errors';
import type { Context } from '../context';
import { normalizeEmail } from './input';
import { verifyPassword } from './passwords';
import { hashToken, revokeFamily, storeRefreshToken } from './refresh-tokens';
import { announceSessionChange } from './standing';

export interface AuthPayloadModel {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  user: User;
}

export interface SessionTokensModel {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
}

const WRONG_CREDENTIALS = 'Wrong email or password.';
const TOKEN_REUSED = 'This refresh token was already used; sign in again.';
const SESSION_ENDED = 'This session has ended; sign in again.';
const SESSION_EXPIRED = 'This session has expired; sign in again.';
const UNKNOWN_TOKEN = 'This refresh token is not valid; sign in again.';

/** A new token family for a user who just proved who they are (sign-up or log-in). */
export async function startSession(ctx: Context, user: User, db: Prisma.TransactionClient = ctx.prisma): Promise<AuthPayloadModel> {
  const sessionId = randomUUID();
  const refreshToken = await storeRefreshToken(db, user.id, sessionId);
  const access = await ctx.signer.issue({ id: user.id, role: user.role, sessionId });
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, user };
}

/**
 * Rate-limited per email and address, per address, and progressively per email (see rate-limit.ts).
 * A wrong password and an unknown email give the same error after the same work (an argon2
 * verification), so neither reveals who has an account.
 */
export async function logIn(ctx: Context, email: string, password: string): Promise<AuthPayloadModel> {
  const normalized = normalizeEmail(email);
  const attempt = await ctx.loginLimiter.attempt(normalized, ctx.clientAddress);
  const user = normalized ? await ctx.prisma.user.findUnique({ where: { email: normalized } }) : null;
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) {
    ctx.log.info({ userId: user?.id ?? null }, 'log-in refused');
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  await attempt.succeeded();
  const session = await startSession(ctx, user);
  ctx.log.info({ userId: user.id }, 'logged in');
  return session;
}

interface TokenRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

type Rotation =
  | { kind: 'rotated'; userId: string; familyId: string; refreshToken: string; user: User }
  | { kind: 'refused'; message: string; userId?: string; familyId?: string };

/**
 * Exchanges a refresh token for a successor in the same family, under a row lock so two
 * exchanges of one token cannot both succeed. A token used before means it leaked (or a client
 * raced itself): the whole family is revoked, and that revocation commits before the error.
 */
export async function refreshSession(ctx: Context, refreshToken: string): Promise<SessionTokensModel> {
  const now = new Date();
  const outcome = await ctx.prisma.$transaction(async (tx): Promise<Rotation> => {
    const [row] = await tx.$queryRaw<TokenRow[]>`
      SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM accounts.refresh_tokens
      WHERE token_hash = ${hashToken(refreshToken)}::bpchar FOR UPDATE`;
    if (!row) return { kind: 'refused', message: UNKNOWN_TOKEN };
    const who = { userId: row.user_id, familyId: row.family_id };
    if (row.revoked_at) return { kind: 'refused', message: SESSION_ENDED, ...who };
    if (row.used_at) {
      await revokeFamily(tx, row.family_id, now);
      return { kind: 'refused', message: TOKEN_REUSED, ...who };
    }
    if (row.expires_at <= now) return { kind: 'refused', message: SESSION_EXPIRED, ...who };
    await tx.refreshToken.update({ where: { id: row.id }, data: { usedAt: now } });
    const successor = await storeRefreshToken(tx, row.user_id, row.family_id, now);
    const user = await tx.user.findUniqueOrThrow({ where: { id: row.user_id } });
    return { kind: 'rotated', ...who, refreshToken: successor, user };
  });
  if (outcome.kind === 'refused') {
    const reused = outcome.message === TOKEN_REUSED;
    ctx.log[reused ? 'warn' : 'info']({ userId: outcome.userId ?? null, familyId: outcome.familyId ?? null }, `refresh refused: ${outcome.message}`);
    // The whole family was just revoked: its access tokens stop working too.
    if (reused && outcome.userId) await announceSessionChange(ctx, outcome.userId, 'SESSION_REVOKED');
    throw unauthenticated(outcome.message);
  }
  // The role is read afresh: a token with the old role is refused, and this one carries the new role.
  const access = await ctx.signer.issue({ id: outcome.user.id, role: outcome.user.role, sessionId: outcome.familyId });
  ctx.log.info({ userId: outcome.userId, familyId: outcome.familyId }, 'session refreshed');
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: outcome.refreshToken };
}

/**
 * Revokes the token's whole family, and with it the session's access tokens (every verifier is
 * told). True for an unknown token too: the answer reveals nothing.
 */
export async function logOut(ctx: Context, refreshToken: string): Promise<boolean> {
  const row = await ctx.prisma.refreshToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    select: { familyId: true, userId: true },
  });
  if (row) {
    await revokeFamily(ctx.prisma, row.familyId);
    ctx.log.info({ userId: row.userId, familyId: row.familyId }, 'logged out');
    await announceSessionChange(ctx, row.userId, 'LOGGED_OUT');
  }
  return true;
}
