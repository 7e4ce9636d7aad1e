import { Prisma, type Role, type User } from '@bodega/db';
import { conflict, parseInput } from '@bodega/errors';
import type { Context } from '../context';
import { normalizeEmail, signUpInput } from './input';
import { hashPassword } from './passwords';
import { startSession, type AuthPayloadModel } from './sessions';

// Every sign-up takes this transaction-scoped lock, so "is this the first account?" and the
// insert are one step: two concurrent first sign-ups cannot both become ADMIN.
const SIGN_UP_LOCK = 4_001_001;
const DUPLICATE_EMAIL = 'An account with this email already exists.';

/**
 * Creates an account and its first session. The first account ever, and the one whose email is
 * `adminEmail`, are ADMIN; every other is CUSTOMER. Limited per client address (RATE_LIMITED),
 * counted before the password is hashed.
 */
export async function signUp(ctx: Context, input: unknown): Promise<AuthPayloadModel> {
  const { email, password, name } = parseInput(signUpInput, input, 'input');
  await ctx.signUpLimiter.attempt(ctx.clientAddress);
  // Hashing is the slow part (tens of ms): outside the lock.
  const passwordHash = await hashPassword(password);
  const adminEmail = ctx.adminEmail ? normalizeEmail(ctx.adminEmail) : undefined;

  let payload: AuthPayloadModel;
  try {
    payload = await ctx.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGN_UP_LOCK}::bigint)`;
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw conflict(DUPLICATE_EMAIL);
      const first = (await tx.user.findFirst({ select: { id: true } })) === null;
      const role: Role = first || email === adminEmail ? 'ADMIN' : 'CUSTOMER';
      const user: User = await tx.user.create({ data: { email, name, passwordHash, role } });
      return startSession(ctx, user, tx);
    });
  } catch (error) {
    // Defence in depth: an insert that bypassed the lock still hits the unique index.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw conflict(DUPLICATE_EMAIL);
    throw error;
  }
  ctx.log.info({ userId: payload.user.id, role: payload.user.role }, 'signed up');
  return payload;
}
