import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@bodega/db';
import type { CitationData, MessageData, MessageModel, MessageRole, StoredEvent } from '../events/types';
import { messageModelOf } from '../events/types';

/** A new message for an event (its sequence is the event's version). */
export function newMessage(fields: {
  role: MessageRole;
  authorId: string | null;
  body: string;
  internal?: boolean;
  clientMessageId?: string | null;
  citations?: CitationData[];
}): MessageData {
  return {
    id: randomUUID(),
    role: fields.role,
    authorId: fields.authorId,
    body: fields.body,
    internal: fields.internal ?? false,
    clientMessageId: fields.clientMessageId ?? null,
    citations: fields.citations ?? [],
  };
}

/** What the system says in a SYSTEM message. */
export function systemMessage(body: string): MessageData {
  return newMessage({ role: 'SYSTEM', authorId: null, body });
}

export function messageFromRow(row: ChatMessage): MessageModel {
  return {
    id: row.id,
    conversationId: row.conversationId,
    sequence: row.sequence,
    role: row.role,
    authorId: row.authorId,
    body: row.body,
    internal: row.internal,
    clientMessageId: row.clientMessageId,
    citations: (row.citations ?? []) as unknown as CitationData[],
    createdAt: row.createdAt,
  };
}

/** The message of the first appended event that carries one. */
export function firstMessage(appended: StoredEvent[]): MessageModel {
  for (const event of appended) {
    const message = messageModelOf(event);
    if (message) return message;
  }
  throw new Error('no message among the appended events');
}
