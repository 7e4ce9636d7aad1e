import { randomUUID } from 'node:crypto';
import { requireIdentity } from '@bodega/auth';
import type { Conversation, Prisma } from '@bodega/db';
import { conflict, parseInput } from '@bodega/errors';
import { connection, createdAtCursor, createdAtCursorOf, pageArgs, type CountedConnection, type Edge } from '@bodega/paging';
import type { Context } from '../context';
import { appendTo } from '../events/store';
import { maySee, isStaff, visibleConversation } from './access';
import { startConversationInput } from './input';
import { newMessage } from './messages-model';

export type ConversationPage = CountedConnection<Conversation>;
export type ConversationEdgeModel = Edge<Conversation>;

/** A new OPEN conversation and its first message, in one transaction (two events). */
export async function startConversation(ctx: Context, input: unknown): Promise<Conversation> {
  const identity = requireIdentity(ctx.identity, 'start a conversation');
  const { subject, body, orderId, clientMessageId } = parseInput(startConversationInput, input, 'input');
  const id = randomUUID();
  const conversationId = await appendTo(ctx, id, async (tx) => {
    // The same id from the same author again (a retry, perhaps at the same moment): the first one's conversation.
    const existing = clientMessageId ? await existingStart(tx, identity.userId, clientMessageId) : null;
    if (existing) return { events: [], result: () => existing };
    return {
      events: [
        { actorId: identity.userId, data: { type: 'CONVERSATION_STARTED', customerId: identity.userId, subject, orderId: orderId ?? null } },
        {
          actorId: identity.userId,
          clientMessageId,
          data: { type: 'MESSAGE_ADDED', message: newMessage({ role: 'CUSTOMER', authorId: identity.userId, body, clientMessageId }) },
        },
      ],
      result: () => id,
    };
  });
  return ctx.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
}

async function existingStart(tx: Prisma.TransactionClient, authorId: string, clientMessageId: string): Promise<string | null> {
  const event = await tx.chatEvent.findUnique({ where: { actorId_clientMessageId: { actorId: authorId, clientMessageId } } });
  if (!event) return null;
  if (event.version !== 2) throw conflict(`clientMessageId "${clientMessageId}" was already used for a message; use a new one.`);
  return event.conversationId;
}

export async function getConversation(ctx: Context, id: string): Promise<Conversation | null> {
  try {
    return (await visibleConversation(ctx, 'read a conversation', id)).conversation;
  } catch (error) {
    if ((error as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') return null;
    throw error;
  }
}

interface ListFilter {
  status?: string | null;
  assigneeId?: string | null;
  waitingForAgent?: boolean | null;
}

/** Newest first; customers their own, staff every one. */
export async function listConversations(
  ctx: Context,
  args: { first?: number | null; after?: string | null; filter?: ListFilter | null },
): Promise<CountedConnection<Conversation>> {
  const identity = requireIdentity(ctx.identity, 'list conversations');
  const where: Prisma.ConversationWhereInput = isStaff(identity) ? {} : { customerId: identity.userId };
  return page(ctx, where, args);
}

/** User.conversations: the user themselves, or staff; null for anyone else. */
export async function conversationsOfUser(
  ctx: Context,
  userId: string,
  args: { first?: number | null; after?: string | null },
): Promise<CountedConnection<Conversation> | null> {
  const identity = requireIdentity(ctx.identity, "read a user's conversations");
  if (!isStaff(identity) && identity.userId !== userId) return null;
  return page(ctx, { customerId: userId }, args);
}

async function page(
  ctx: Context,
  base: Prisma.ConversationWhereInput,
  args: { first?: number | null; after?: string | null; filter?: ListFilter | null },
): Promise<CountedConnection<Conversation>> {
  const { first, after } = parseInput(pageArgs, { first: args.first, after: args.after });
  const filter = args.filter ?? {};
  const where: Prisma.ConversationWhereInput = {
    ...base,
    ...(filter.status ? { status: filter.status as Conversation['status'] } : {}),
    ...(filter.assigneeId ? { assigneeId: filter.assigneeId } : {}),
    ...(filter.waitingForAgent != null ? { waitingForAgent: filter.waitingForAgent, ...(filter.waitingForAgent ? { assigneeId: null } : {}) } : {}),
  };
  const position = after ? createdAtCursor.decode(after) : null;
  const keyset: Prisma.ConversationWhereInput = position
    ? { OR: [{ createdAt: { lt: new Date(position.createdAt) } }, { createdAt: new Date(position.createdAt), id: { lt: position.id } }] }
    : {};
  const rows = await ctx.prisma.conversation.findMany({
    where: { AND: [where, keyset] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: first + 1,
  });
  return connection(rows, first, createdAtCursorOf, { totalCount: () => ctx.prisma.conversation.count({ where }) });
}

/** For __resolveReference: visible or null. */
export async function conversationReference(ctx: Context, id: string): Promise<Conversation | null> {
  const conversation = await ctx.loaders.conversation.load(id);
  return maySee(ctx.identity, conversation) ? conversation : null;
}
