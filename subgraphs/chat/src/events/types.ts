/** The events of a conversation's log: what happened, never what it led to (that is the projection's). */

export type ConversationStatus = 'OPEN' | 'PENDING' | 'RESOLVED' | 'CLOSED';
export type MessageRole = 'CUSTOMER' | 'AGENT' | 'ASSISTANT' | 'SYSTEM';

export interface CitationData {
  quote: string;
  documentId: string;
  documentTitle: string;
}

/** A message as its event carries it; its sequence is the event's version. */
export interface MessageData {
  id: string;
  role: MessageRole;
  authorId: string | null;
  body: string;
  internal: boolean;
  clientMessageId: string | null;
  citations: CitationData[];
}

export type EventData =
  | { type: 'CONVERSATION_STARTED'; customerId: string; subject: string; orderId: string | null }
  | { type: 'MESSAGE_ADDED'; message: MessageData }
  | { type: 'STATUS_CHANGED'; from: ConversationStatus; to: ConversationStatus; message: MessageData }
  | { type: 'ASSIGNED'; assigneeId: string | null; message: MessageData }
  /** The assistant could not help, or the customer asked for a person: waits for an agent. */
  | { type: 'HANDED_OFF'; reason: 'UNGROUNDED' | 'ASSISTANT_UNAVAILABLE' | 'CUSTOMER_ASKED'; message: MessageData }
  | { type: 'READ'; userId: string; role: MessageRole; upTo: number };

export type EventType = EventData['type'];

/** One row of chat.events, decoded. */
export interface StoredEvent {
  conversationId: string;
  version: number;
  actorId: string | null;
  clientMessageId: string | null;
  occurredAt: Date;
  data: EventData;
}

/** The message an event carries, if any. */
export function messageOf(data: EventData): MessageData | null {
  return 'message' in data ? data.message : null;
}

/** A message as resolvers see it, from the projection or straight from an event. */
export interface MessageModel extends MessageData {
  conversationId: string;
  sequence: number;
  createdAt: Date;
}

export function messageModelOf(event: StoredEvent): MessageModel | null {
  const message = messageOf(event.data);
  return message ? { ...message, conversationId: event.conversationId, sequence: event.version, createdAt: event.occurredAt } : null;
}
