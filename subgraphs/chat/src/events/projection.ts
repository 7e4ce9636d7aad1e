import type { Prisma } from '@bodega/db';
import { messageOf, type StoredEvent } from './types';

type Tx = Prisma.TransactionClient;

/**
 * Applies one event to the projections (conversations, messages, participants, read positions),
 * in the transaction that appends it, or in order during a rebuild. Everything it writes comes
 * from the event (times included), so replaying the log gives the same rows.
 */
export async function project(tx: Tx, event: StoredEvent): Promise<void> {
  const { data, conversationId, version, occurredAt } = event;
  if (data.type === 'CONVERSATION_STARTED') {
    await tx.conversation.create({
      data: {
        id: conversationId,
        customerId: data.customerId,
        subject: data.subject,
        orderId: data.orderId,
        version,
        createdAt: occurredAt,
        updatedAt: occurredAt,
      },
    });
    await tx.chatParticipant.create({ data: { conversationId, userId: data.customerId, role: 'CUSTOMER', joinedAt: occurredAt } });
    return;
  }

  const change: Prisma.ConversationUpdateInput = { version, updatedAt: occurredAt };
  const message = messageOf(data);
  if (message) {
    await tx.chatMessage.create({
      data: {
        id: message.id,
        conversationId,
        sequence: version,
        role: message.role,
        authorId: message.authorId,
        body: message.body,
        internal: message.internal,
        clientMessageId: message.clientMessageId,
        citations: message.citations as unknown as Prisma.InputJsonValue,
        createdAt: occurredAt,
      },
    });
    change.lastMessageSequence = version;
    if (!message.internal) change.lastPublicSequence = version;
    // Writing a message means having read everything up to it.
    if (message.authorId) await readUpTo(tx, conversationId, message.authorId, message.role, version, occurredAt);
  }
  if (data.type === 'STATUS_CHANGED') {
    change.status = data.to;
    if (data.to === 'RESOLVED' || data.to === 'CLOSED') change.waitingForAgent = false;
  }
  if (data.type === 'ASSIGNED') {
    change.assigneeId = data.assigneeId;
    if (data.assigneeId) {
      change.waitingForAgent = false;
      await joinAs(tx, conversationId, data.assigneeId, 'AGENT', occurredAt);
    }
  }
  if (data.type === 'HANDED_OFF') change.waitingForAgent = true;
  if (data.type === 'READ') await readUpTo(tx, conversationId, data.userId, data.role, data.upTo, occurredAt);
  await tx.conversation.update({ where: { id: conversationId }, data: change });
}

async function joinAs(tx: Tx, conversationId: string, userId: string, role: 'CUSTOMER' | 'AGENT' | 'ASSISTANT' | 'SYSTEM', at: Date) {
  await tx.chatParticipant.upsert({
    where: { conversationId_userId: { conversationId, userId } },
    create: { conversationId, userId, role, joinedAt: at },
    update: {},
  });
}

/** Read positions only move forward. */
async function readUpTo(tx: Tx, conversationId: string, userId: string, role: 'CUSTOMER' | 'AGENT' | 'ASSISTANT' | 'SYSTEM', upTo: number, at: Date) {
  await joinAs(tx, conversationId, userId, role, at);
  await tx.chatParticipant.updateMany({ where: { conversationId, userId, readUpTo: { lt: upTo } }, data: { readUpTo: upTo } });
}
