import { requireRole, STAFF_ROLES } from '@bodega/auth';
import type { Conversation, Prisma } from '@bodega/db';
import type { Context } from '../context';
import { appendTo, type NewEvent } from '../events/store';
import { systemMessage } from './messages-model';

type Tx = Prisma.TransactionClient;

export const HANDED_OFF = 'The assistant passed the conversation to a person; an agent will reply here.';
export const CUSTOMER_ASKED = 'The customer asked for a person; an agent will reply here.';
export const AGENT_ASSIGNED = 'An agent was assigned to the conversation.';

export type HandOffReason = 'UNGROUNDED' | 'ASSISTANT_UNAVAILABLE' | 'CUSTOMER_ASKED';

/**
 * The conversation waits for a person (a SYSTEM message the customer sees), and is offered at once
 * to the available agent who has waited longest for one (round-robin), if any; otherwise it waits
 * for `claimNextConversation`. Nothing when a person already has it. The agent's turn is taken in
 * the same transaction as the events, so a retried append does not use up a turn.
 */
export async function handOff(tx: Tx, conversation: Conversation, reason: HandOffReason): Promise<NewEvent[]> {
  if (conversation.assigneeId || conversation.waitingForAgent) return [];
  const events: NewEvent[] = [
    { actorId: null, data: { type: 'HANDED_OFF', reason, message: systemMessage(reason === 'CUSTOMER_ASKED' ? CUSTOMER_ASKED : HANDED_OFF) } },
  ];
  const agent = await nextAgent(tx);
  if (agent) events.push({ actorId: null, data: { type: 'ASSIGNED', assigneeId: agent, message: systemMessage(AGENT_ASSIGNED) } });
  return events;
}

async function nextAgent(tx: Tx): Promise<string | null> {
  const rows = await tx.$queryRaw<Array<{ user_id: string }>>`
    SELECT user_id FROM chat.agents WHERE available
    ORDER BY last_offered_at ASC NULLS FIRST, user_id
    LIMIT 1 FOR UPDATE SKIP LOCKED`;
  const agent = rows[0]?.user_id ?? null;
  if (agent) await tx.chatAgent.update({ where: { userId: agent }, data: { lastOfferedAt: new Date() } });
  return agent;
}

/** STAFF/ADMIN go on or off duty: only agents on duty are offered conversations. */
export async function setAgentAvailability(ctx: Context, available: boolean): Promise<boolean> {
  const identity = requireRole(ctx.identity, STAFF_ROLES, 'take conversations');
  await ctx.prisma.chatAgent.upsert({ where: { userId: identity.userId }, create: { userId: identity.userId, available }, update: { available } });
  return available;
}

/**
 * STAFF/ADMIN take the conversation that has waited longest for a person; null when none waits.
 * Two agents asking at once get different ones: the append re-checks it still waits.
 */
export async function claimNextConversation(ctx: Context): Promise<Conversation | null> {
  const identity = requireRole(ctx.identity, STAFF_ROLES, 'take conversations');
  const skipped = new Set<string>();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const candidate = await ctx.prisma.conversation.findFirst({
      where: { waitingForAgent: true, assigneeId: null, status: { not: 'CLOSED' }, id: { notIn: [...skipped] } },
      orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
    });
    if (!candidate) return null;
    const taken = await appendTo(ctx, candidate.id, async (_tx, state) => {
      if (!state || !state.waitingForAgent || state.assigneeId || state.status === 'CLOSED') return { events: [], result: () => false };
      return {
        events: [{ actorId: identity.userId, data: { type: 'ASSIGNED', assigneeId: identity.userId, message: systemMessage(AGENT_ASSIGNED) } }],
        result: () => true,
      };
    });
    if (taken) return ctx.prisma.conversation.findUniqueOrThrow({ where: { id: candidate.id } });
    skipped.add(candidate.id);
  }
  return null;
}
