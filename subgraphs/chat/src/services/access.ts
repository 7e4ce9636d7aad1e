import { requireIdentity, STAFF_ROLES, type Identity } from '@bodega/auth';
import { isUuid, type Conversation } from '@bodega/db';
import { notFound } from '@bodega/errors';
import type { Context } from '../context';

export function isStaff(identity: Identity | null): boolean {
  return identity !== null && (STAFF_ROLES as readonly string[]).includes(identity.role);
}

/** Customers see their own conversations, staff see all; nobody else (not even another service). */
export function maySee(identity: Identity | null, conversation: Conversation | null): conversation is Conversation {
  if (!conversation || !identity) return false;
  return isStaff(identity) || (identity.role === 'CUSTOMER' && conversation.customerId === identity.userId);
}

/**
 * The conversation the caller may read or write, or NOT_FOUND: someone else's conversation looks
 * exactly like one that does not exist.
 */
export async function visibleConversation(ctx: Context, action: string, id: string): Promise<{ identity: Identity; conversation: Conversation }> {
  const identity = requireIdentity(ctx.identity, action);
  if (!isUuid(id)) throw notFound('conversation', id);
  const conversation = await ctx.prisma.conversation.findUnique({ where: { id } });
  if (!maySee(identity, conversation)) throw notFound('conversation', id);
  return { identity, conversation };
}

/** The same check inside a command's transaction, on the state it decides on. */
export function checkVisible(identity: Identity, conversation: Conversation | null, id: string): Conversation {
  if (!maySee(identity, conversation)) throw notFound('conversation', id);
  return conversation;
}

/** The role a user's messages carry. */
export function authorRole(identity: Identity): 'CUSTOMER' | 'AGENT' {
  return isStaff(identity) ? 'AGENT' : 'CUSTOMER';
}
