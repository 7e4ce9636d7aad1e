import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Prisma } from '@bodega/db';

/** Refresh tokens live 30 days; each use replaces it with a successor in the same family. */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Only the SHA-256 (hex) of a token is stored: a database leak yields no usable token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Creates and stores a refresh token (32 random bytes, base64url) for a user; a new family
 * unless one is given. Returns the token itself, which exists nowhere else. The family id is
 * the session id access tokens carry (`sid`).
 */
export async function storeRefreshToken(
  db: Prisma.TransactionClient,
  userId: string,
  familyId: string = randomUUID(),
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.refreshToken.create({
    data: {
      userId,
      familyId,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
    },
  });
  return token;
}

/** Ends every token of a family at once (log-out, or reuse of a rotated token). */
export function revokeFamily(db: Prisma.TransactionClient, familyId: string, now = new Date()) {
  return db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } });
}
