import { isUuid, type Conversation } from '@bodega/db';
import { badUserInput, notFound } from '@bodega/errors';
import { requireIdentity } from '@bodega/auth';
import type { Context } from '../context';
import { appendTo } from '../events/store';
import { authorRole, checkVisible, isStaff } from './access';

/**
 * Marks every message up to `upTo` read for the caller: a READ event, appended only when it moves
 * their position forward (up-to semantics: an older position changes nothing). Beyond the newest
 * message counts as the newest.
 */
export async function markRead(ctx: Context, conversationId: string, upTo: number): Promise<Conversation> {
  const identity = requireIdentity(ctx.identity, 'mark messages read');
  if (!Number.isInteger(upTo) || upTo < 0) throw badUserInput('upTo: must be a message sequence (0 or more)', 'upTo');
  if (!isUuid(conversationId)) throw notFound('conversation', conversationId);
  await appendTo(ctx, conversationId, async (tx, state) => {
    const conversation = checkVisible(identity, state, conversationId);
    const target = Math.min(upTo, conversation.lastMessageSequence);
    const participant = await tx.chatParticipant.findUnique({ where: { conversationId_userId: { conversationId, userId: identity.userId } } });
    if ((participant?.readUpTo ?? 0) >= target) return { events: [], result: () => undefined };
    return { events: [{ actorId: identity.userId, data: { type: 'READ', userId: identity.userId, role: authorRole(identity), upTo: target } }], result: () => undefined };
  });
  return ctx.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
}

/** Messages by others after the caller's read position; a customer never counts internal notes. */
export async function unreadCount(ctx: Context, conversation: Conversation): Promise<number> {
  const identity = requireIdentity(ctx.identity, 'count unread messages');
  const participant = await ctx.prisma.chatParticipant.findUnique({
    where: { conversationId_userId: { conversationId: conversation.id, userId: identity.userId } },
  });
  return ctx.prisma.chatMessage.count({
    where: {
      conversationId: conversation.id,
      sequence: { gt: participant?.readUpTo ?? 0 },
      OR: [{ authorId: null }, { authorId: { not: identity.userId } }],
      ...(isStaff(identity) ? {} : { internal: false }),
    },
  });
}

/** How far the agents (the furthest of them) and the customer have read. */
export async function readPositions(ctx: Context, conversation: Conversation): Promise<{ agent: number; customer: number }> {
  const rows = await ctx.prisma.chatParticipant.findMany({ where: { conversationId: conversation.id } });
  const agent = Math.max(0, ...rows.filter((row) => row.role === 'AGENT').map((row) => row.readUpTo));
  const customer = rows.find((row) => row.userId === conversation.customerId)?.readUpTo ?? 0;
  return { agent, customer };
}
