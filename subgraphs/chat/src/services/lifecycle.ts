import { requireRole, STAFF_ROLES } from '@bodega/auth';
import { isUuid, type Conversation } from '@bodega/db';
import { badUserInput, invalidTransition, notFound } from '@bodega/errors';
import type { Context } from '../context';
import { appendTo } from '../events/store';
import type { ConversationStatus } from '../events/types';
import { checkVisible } from './access';
import { systemMessage } from './messages-model';

export const STATUSES: readonly ConversationStatus[] = ['OPEN', 'PENDING', 'RESOLVED', 'CLOSED'];

/** Where each status may go; CLOSED is final. */
const NEXT: Record<ConversationStatus, readonly ConversationStatus[]> = {
  OPEN: ['PENDING', 'RESOLVED', 'CLOSED'],
  PENDING: ['OPEN', 'RESOLVED', 'CLOSED'],
  RESOLVED: ['OPEN', 'CLOSED'],
  CLOSED: [],
};

const SAYS: Record<ConversationStatus, string> = {
  OPEN: 'The conversation was reopened.',
  PENDING: 'The conversation is waiting for the customer.',
  RESOLVED: 'The conversation was marked resolved.',
  CLOSED: 'The conversation was closed.',
};

/** STAFF/ADMIN move a conversation along NEXT; each move is a SYSTEM message the customer sees. */
export async function setConversationStatus(ctx: Context, conversationId: string, status: string): Promise<Conversation> {
  const identity = requireRole(ctx.identity, STAFF_ROLES, 'change the status of conversations');
  if (!(STATUSES as readonly string[]).includes(status)) throw badUserInput(`status: ${status} is not a conversation status.`, 'status');
  const to = status as ConversationStatus;
  if (!isUuid(conversationId)) throw notFound('conversation', conversationId);
  await appendTo(ctx, conversationId, async (_tx, state) => {
    const conversation = checkVisible(identity, state, conversationId);
    const from = conversation.status as ConversationStatus;
    if (!NEXT[from].includes(to)) throw invalidTransition('A conversation', from, to, NEXT[from]);
    return { events: [{ actorId: identity.userId, data: { type: 'STATUS_CHANGED', from, to, message: systemMessage(SAYS[to]) } }], result: () => undefined };
  });
  return ctx.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
}

/** STAFF/ADMIN assign to an agent (or nobody). Assigning the one already assigned changes nothing. */
export async function assignConversation(ctx: Context, conversationId: string, agentId: string | null | undefined): Promise<Conversation> {
  const identity = requireRole(ctx.identity, STAFF_ROLES, 'assign conversations');
  if (agentId && !isUuid(agentId)) throw badUserInput('agentId: is not an id', 'agentId');
  if (!isUuid(conversationId)) throw notFound('conversation', conversationId);
  await appendTo(ctx, conversationId, async (_tx, state) => {
    const conversation = checkVisible(identity, state, conversationId);
    if (conversation.status === 'CLOSED') throw invalidTransition('A conversation', 'CLOSED', 'OPEN', []);
    const assigneeId = agentId ?? null;
    if (conversation.assigneeId === assigneeId) return { events: [], result: () => undefined };
    const says = assigneeId ? 'An agent was assigned to the conversation.' : 'The conversation is no longer assigned.';
    return { events: [{ actorId: identity.userId, data: { type: 'ASSIGNED', assigneeId, message: systemMessage(says) } }], result: () => undefined };
  });
  return ctx.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
}
