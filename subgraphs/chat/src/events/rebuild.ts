import type { ChatMessage, ChatParticipant, Conversation, Prisma, PrismaClient } from '@bodega/db';
import { storedEventOf } from './store';
import { messageOf, type MessageRole, type StoredEvent } from './types';

export interface RebuildReport {
  events: number;
  conversations: number;
  messages: number;
  participants: number;
  durationMs: number;
}

interface Folded {
  conversation: Conversation;
  messages: ChatMessage[];
  participants: Map<string, ChatParticipant>;
}

const PAGE = 10_000;
const READ_PAGE = `SELECT conversation_id AS "conversationId", version, actor_id AS "actorId", client_message_id AS "clientMessageId",
  occurred_at AS "occurredAt", payload FROM chat.events`;

interface EventRow {
  conversationId: string;
  version: number;
  actorId: string | null;
  clientMessageId: string | null;
  occurredAt: Date;
  payload: unknown;
}
const INSERT_BATCH = 5000;

/**
 * Drops the projections and replays the whole log into them, in one transaction that holds the
 * log still (writers wait; readers keep reading the old rows until it commits). The fold below
 * is the bulk twin of `project` (one conversation in memory, then batched inserts); the rebuild
 * test proves both give identical rows.
 */
export async function rebuildProjections(prisma: PrismaClient): Promise<RebuildReport> {
  const started = Date.now();
  const counts = { events: 0, conversations: 0, messages: 0, participants: 0 };
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe('LOCK TABLE chat.events IN EXCLUSIVE MODE');
      await tx.$executeRawUnsafe('TRUNCATE chat.participants, chat.messages, chat.conversations');
      let current: Folded | null = null;
      let pending: Folded[] = [];
      const flush = async () => {
        if (pending.length === 0) return;
        const batch = pending;
        pending = [];
        await write(tx, batch, counts);
      };
      let last: { conversationId: string; version: number } | null = null;
      for (;;) {
        // Raw SQL, row values as the keyset: the ORM's per-row work was most of the replay's time.
        const rows: EventRow[] = last
          ? await tx.$queryRawUnsafe(`${READ_PAGE} WHERE (conversation_id, version) > ($1::uuid, $2) ORDER BY conversation_id, version LIMIT ${PAGE}`, last.conversationId, last.version)
          : await tx.$queryRawUnsafe(`${READ_PAGE} ORDER BY conversation_id, version LIMIT ${PAGE}`);
        if (rows.length === 0) break;
        const tail = rows.at(-1)!;
        last = { conversationId: tail.conversationId, version: tail.version };
        counts.events += rows.length;
        for (const event of rows.map(storedEventOf)) {
          if (event.data.type === 'CONVERSATION_STARTED') {
            if (current) pending.push(current);
            current = start(event);
            continue;
          }
          const target: Folded | null = current && current.conversation.id === event.conversationId ? current : null;
          if (!target) throw new Error(`event ${event.conversationId}/${event.version} comes before its conversation started`);
          fold(target, event);
        }
        if (pending.reduce((n, f) => n + f.messages.length, 0) >= INSERT_BATCH) await flush();
      }
      if (current) pending.push(current);
      await flush();
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  return { ...counts, durationMs: Date.now() - started };
}

function start(event: StoredEvent): Folded {
  if (event.data.type !== 'CONVERSATION_STARTED') throw new Error('not a start');
  const { customerId, subject, orderId } = event.data;
  const participants = new Map<string, ChatParticipant>();
  participants.set(customerId, { conversationId: event.conversationId, userId: customerId, role: 'CUSTOMER', readUpTo: 0, joinedAt: event.occurredAt });
  return {
    conversation: {
      id: event.conversationId,
      customerId,
      subject,
      orderId,
      status: 'OPEN',
      assigneeId: null,
      waitingForAgent: false,
      version: event.version,
      lastMessageSequence: 0,
      lastPublicSequence: 0,
      createdAt: event.occurredAt,
      updatedAt: event.occurredAt,
    },
    messages: [],
    participants,
  };
}

/** The same changes `project` makes, to rows in memory. */
function fold(target: Folded, event: StoredEvent): void {
  const { data, version, occurredAt, conversationId } = event;
  const conversation = target.conversation;
  conversation.version = version;
  conversation.updatedAt = occurredAt;
  const join = (userId: string, role: MessageRole) => {
    if (!target.participants.has(userId)) target.participants.set(userId, { conversationId, userId, role, readUpTo: 0, joinedAt: occurredAt });
    return target.participants.get(userId)!;
  };
  const read = (userId: string, role: MessageRole, upTo: number) => {
    const participant = join(userId, role);
    participant.readUpTo = Math.max(participant.readUpTo, upTo);
  };
  const message = messageOf(data);
  if (message) {
    target.messages.push({
      id: message.id,
      conversationId,
      sequence: version,
      role: message.role,
      authorId: message.authorId,
      body: message.body,
      internal: message.internal,
      clientMessageId: message.clientMessageId,
      citations: message.citations as unknown as Prisma.JsonValue,
      createdAt: occurredAt,
    });
    conversation.lastMessageSequence = version;
    if (!message.internal) conversation.lastPublicSequence = version;
    if (message.authorId) read(message.authorId, message.role, version);
  }
  if (data.type === 'STATUS_CHANGED') {
    conversation.status = data.to;
    if (data.to === 'RESOLVED' || data.to === 'CLOSED') conversation.waitingForAgent = false;
  }
  if (data.type === 'ASSIGNED') {
    conversation.assigneeId = data.assigneeId;
    if (data.assigneeId) {
      conversation.waitingForAgent = false;
      join(data.assigneeId, 'AGENT');
    }
  }
  if (data.type === 'HANDED_OFF') conversation.waitingForAgent = true;
  if (data.type === 'READ') read(data.userId, data.role, data.upTo);
}

/** Each table in one statement per batch: the rows go as one JSON parameter, expanded by Postgres. */
async function write(tx: Prisma.TransactionClient, batch: Folded[], counts: Omit<RebuildReport, 'durationMs'>): Promise<void> {
  const conversations = batch.map((f) => f.conversation);
  const messages = batch.flatMap((f) => f.messages);
  const participants = batch.flatMap((f) => [...f.participants.values()]);
  await tx.$executeRawUnsafe(
    `INSERT INTO chat.conversations (id, customer_id, subject, order_id, status, assignee_id, waiting_for_agent, version,
       last_message_sequence, last_public_sequence, created_at, updated_at)
     SELECT r.id, r."customerId", r.subject, r."orderId", r.status::chat.conversation_status, r."assigneeId", r."waitingForAgent", r.version,
       r."lastMessageSequence", r."lastPublicSequence", r."createdAt", r."updatedAt"
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, "customerId" uuid, subject text, "orderId" uuid, status text, "assigneeId" uuid,
       "waitingForAgent" boolean, version int, "lastMessageSequence" int, "lastPublicSequence" int, "createdAt" timestamptz, "updatedAt" timestamptz)`,
    JSON.stringify(conversations),
  );
  for (let i = 0; i < messages.length; i += INSERT_BATCH) {
    await tx.$executeRawUnsafe(
      `INSERT INTO chat.messages (id, conversation_id, sequence, role, author_id, body, internal, client_message_id, citations, created_at)
       SELECT r.id, r."conversationId", r.sequence, r.role::chat.message_role, r."authorId", r.body, r.internal, r."clientMessageId", r.citations, r."createdAt"
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, "conversationId" uuid, sequence int, role text, "authorId" uuid, body text,
         internal boolean, "clientMessageId" text, citations jsonb, "createdAt" timestamptz)`,
      JSON.stringify(messages.slice(i, i + INSERT_BATCH)),
    );
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO chat.participants (conversation_id, user_id, role, read_up_to, joined_at)
     SELECT r."conversationId", r."userId", r.role::chat.message_role, r."readUpTo", r."joinedAt"
     FROM jsonb_to_recordset($1::jsonb) AS r("conversationId" uuid, "userId" uuid, role text, "readUpTo" int, "joinedAt" timestamptz)`,
    JSON.stringify(participants),
  );
  counts.conversations += conversations.length;
  counts.messages += messages.length;
  counts.participants += participants.length;
}

/** Every projected row, in a stable order: what a rebuild must give back exactly. */
export async function snapshotProjections(prisma: PrismaClient): Promise<{ conversations: Conversation[]; messages: ChatMessage[]; participants: ChatParticipant[] }> {
  const [conversations, messages, participants] = await Promise.all([
    prisma.conversation.findMany({ orderBy: { id: 'asc' } }),
    prisma.chatMessage.findMany({ orderBy: [{ conversationId: 'asc' }, { sequence: 'asc' }] }),
    prisma.chatParticipant.findMany({ orderBy: [{ conversationId: 'asc' }, { userId: 'asc' }] }),
  ]);
  return { conversations, messages, participants };
}
