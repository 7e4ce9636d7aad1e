import { ACCESS_TOKEN_TTL_SECONDS, type Role, type StandingSource, type UserStanding } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import { Topic, type SessionChangedEvent } from '@bodega/events';
import type { Context } from '../context';
import { isUuid } from '@bodega/db';

/**
 * A session revoked longer ago than an access token lives has no token left to refuse (it cannot
 * mint new ones); a minute more covers clocks that disagree a little.
 */
const REVOCATION_HORIZON_MS = (ACCESS_TOKEN_TTL_SECONDS + 60) * 1000;

interface StandingRow {
  id: string;
  role: Role;
  revoked: string[];
}

/**
 * Users' standing, read from the accounts database: their role and the sessions ended recently.
 * One query for a whole batch; ids that are not users (or not ids) are simply missing.
 */
export function accountsStanding(prisma: PrismaClient): StandingSource {
  return {
    async lookup(userIds) {
      const ids = userIds.filter(isUuid);
      if (ids.length === 0) return new Map();
      const since = new Date(Date.now() - REVOCATION_HORIZON_MS);
      const rows = await prisma.$queryRaw<StandingRow[]>`
        SELECT u.id::text AS id, u.role::text AS role,
          COALESCE((SELECT array_agg(DISTINCT r.family_id::text) FROM accounts.refresh_tokens r
                    WHERE r.user_id = u.id AND r.revoked_at > ${since}), '{}') AS revoked
        FROM accounts.users u WHERE u.id = ANY(${ids}::uuid[])`;
      return new Map<string, UserStanding>(rows.map((row) => [row.id, { role: row.role, revokedSessions: row.revoked }]));
    },
  };
}

/**
 * After a change to a user's sessions or role has committed: this process forgets the user at
 * once, and every other verifier hears it (Redis, or the in-process bus). A failed publish is
 * logged, not thrown: the change stands, and other verifiers notice within their refresh interval.
 */
export async function announceSessionChange(ctx: Context, userId: string, reason: SessionChangedEvent['reason']): Promise<void> {
  ctx.tokens.forget(userId);
  try {
    await ctx.events.publish(Topic.SessionChanged, { userId, reason, occurredAt: new Date().toISOString() });
  } catch (err) {
    ctx.log.warn({ err, userId, reason }, 'session change not announced; other services notice it within their refresh interval');
  }
}
