import type { Identity } from '@bodega/auth';
import { isUuid, type Conversation, type Prisma } from '@bodega/db';
import { badUserInput, conflict, forbidden, invalidTransition, notFound, parseInput } from '@bodega/errors';
import { requireIdentity } from '@bodega/auth';
import type { Context } from '../context';
import { appendTo, type NewEvent } from '../events/store';
import type { MessageModel } from '../events/types';
import { authorRole, checkVisible, isStaff } from './access';
import { cursorOfSequence, sequenceOfCursor } from './cursor';
import { sendMessageArgs } from './input';
import { firstMessage, messageFromRow, newMessage, systemMessage } from './messages-model';

export interface MessageEdgeModel {
  cursor: string;
  node: MessageModel;
}
export interface MessagePage {
  edges: MessageEdgeModel[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Appends one message. The same clientMessageId from the same author returns the message it
 * made (checked inside the transaction, and by UNIQUE (actor_id, client_message_id) under it).
 * A customer's message reopens a RESOLVED conversation; a CLOSED one takes no messages.
 */
export async function sendMessage(ctx: Context, args: unknown): Promise<MessageModel> {
  const identity = requireIdentity(ctx.identity, 'send a message');
  const { conversationId, body, clientMessageId, internal } = parseInput(sendMessageArgs, args);
  if (internal && !isStaff(identity)) throw forbidden('Only STAFF or ADMIN may write internal notes.');
  if (!isUuid(conversationId)) throw notFound('conversation', conversationId);
  return appendTo(ctx, conversationId, async (tx, state) => {
    const conversation = checkVisible(identity, state, conversationId);
    if (clientMessageId) {
      const existing = await existingMessage(tx, identity.userId, clientMessageId, conversationId);
      if (existing) return { events: [], result: () => existing };
    }
    const message = newMessage({ role: authorRole(identity), authorId: identity.userId, body, internal: internal ?? false, clientMessageId });
    return { events: [{ actorId: identity.userId, clientMessageId, data: { type: 'MESSAGE_ADDED', message } }, ...reopening(identity, conversation, internal ?? false)], result: firstMessage };
  });
}

/** Refuses a message to a CLOSED conversation; a customer's message reopens a RESOLVED one. */
export function reopening(identity: Identity, conversation: Conversation, internal: boolean): NewEvent[] {
  if (conversation.status === 'CLOSED') throw invalidTransition('A conversation', 'CLOSED', 'OPEN', []);
  if (conversation.status !== 'RESOLVED' || isStaff(identity) || internal) return [];
  return [
    {
      actorId: identity.userId,
      data: { type: 'STATUS_CHANGED', from: 'RESOLVED', to: 'OPEN', message: systemMessage('The conversation was reopened by a new message from the customer.') },
    },
  ];
}

async function existingMessage(tx: Prisma.TransactionClient, authorId: string, clientMessageId: string, conversationId: string): Promise<MessageModel | null> {
  const event = await tx.chatEvent.findUnique({ where: { actorId_clientMessageId: { actorId: authorId, clientMessageId } } });
  if (!event) return null;
  if (event.conversationId !== conversationId) throw conflict(`clientMessageId "${clientMessageId}" was already used in another conversation; use a new one.`);
  const row = await tx.chatMessage.findUniqueOrThrow({ where: { conversationId_sequence: { conversationId, sequence: event.version } } });
  return messageFromRow(row);
}

/** What a caller may read of a conversation's messages: everything for staff, no internal notes for the customer. */
export function visibleMessages(identity: Identity | null): Prisma.ChatMessageWhereInput {
  return isStaff(identity) ? {} : { internal: false };
}

/** Oldest first: the newest `last`, or those after a cursor. */
export async function listMessages(
  ctx: Context,
  conversation: Conversation,
  args: { last?: number | null; after?: string | null },
): Promise<MessagePage> {
  const last = args.last ?? 50;
  if (!Number.isInteger(last) || last < 1 || last > 100) throw badUserInput('last: must be between 1 and 100', 'last');
  const after = args.after ? sequenceOfCursor(args.after) : null;
  const where: Prisma.ChatMessageWhereInput = { conversationId: conversation.id, ...visibleMessages(ctx.identity), ...(after !== null ? { sequence: { gt: after } } : {}) };
  const rows =
    after !== null
      ? await ctx.prisma.chatMessage.findMany({ where, orderBy: { sequence: 'asc' }, take: last + 1 })
      : (await ctx.prisma.chatMessage.findMany({ where, orderBy: { sequence: 'desc' }, take: last })).reverse();
  const hasNextPage = after !== null && rows.length > last;
  const edges = rows.slice(0, last).map((row) => ({ cursor: cursorOfSequence(row.sequence), node: messageFromRow(row) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
