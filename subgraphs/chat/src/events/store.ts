import { Prisma, type Conversation, type PrismaClient } from '@bodega/db';
import { conflict } from '@bodega/errors';
import { Topic, type EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { project } from './projection';
import type { EventData, StoredEvent } from './types';

type Tx = Prisma.TransactionClient;

export interface NewEvent {
  data: EventData;
  actorId: string | null;
  clientMessageId?: string | null;
}

/** What a command decides, given the conversation as its events left it (null: it does not exist yet). */
export interface Decision<T> {
  /** Appended in this order, with consecutive versions after the one read. */
  events: NewEvent[];
  /** What the command returns once they are in (given the events as stored). */
  result: (appended: StoredEvent[]) => T;
}

export interface StoreDeps {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
}

// Many writers of one conversation queue for the pool's connections: wait for one rather than fail.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

/** A stale writer retries this often before the caller is told the conversation is too busy. */
const MAX_ATTEMPTS = 100;

/**
 * Appends a command's events to one conversation's log with the version it read (expected
 * version) and applies them to the projections in the same transaction. A writer that read a
 * stale version collides on UNIQUE (conversation_id, version), its transaction rolls back whole,
 * and it decides again on the new state: writers never interleave. Published after commit.
 */
export async function appendTo<T>(
  deps: StoreDeps,
  conversationId: string,
  decide: (tx: Tx, conversation: Conversation | null) => Promise<Decision<T>>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { appended, result, customerId } = await deps.prisma.$transaction(async (tx) => {
        const conversation = await tx.conversation.findUnique({ where: { id: conversationId } });
        const decision = await decide(tx, conversation);
        const appended = await appendEvents(tx, conversationId, conversation?.version ?? 0, decision.events);
        const started = appended.find((event) => event.data.type === 'CONVERSATION_STARTED')?.data;
        const customerId = conversation?.customerId ?? (started && 'customerId' in started ? started.customerId : '');
        return { appended, result: decision.result(appended), customerId };
      }, TRANSACTION_OPTIONS);
      publish(deps, customerId, appended);
      return result;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw conflict('This conversation is changing too fast to take your change; try again.');
      // Full jitter: the writers that lost this round do not all come back at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));
    }
  }
}

async function appendEvents(tx: Tx, conversationId: string, expected: number, events: NewEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const occurredAt = new Date();
  const stored = events.map((event, index): StoredEvent => ({
    conversationId,
    version: expected + index + 1,
    actorId: event.actorId,
    clientMessageId: event.clientMessageId ?? null,
    occurredAt,
    data: event.data,
  }));
  await tx.chatEvent.createMany({
    data: stored.map((event) => ({
      conversationId,
      version: event.version,
      type: event.data.type,
      actorId: event.actorId,
      clientMessageId: event.clientMessageId,
      payload: event.data as unknown as Prisma.InputJsonValue,
      occurredAt,
    })),
  });
  for (const event of stored) await project(tx, event);
  return stored;
}

/** Not awaited: Redis trouble never fails a message; subscribers fill gaps from the log. */
function publish(deps: StoreDeps, customerId: string, appended: StoredEvent[]): void {
  for (const event of appended) {
    deps.events
      .publish(Topic.ChatEventAppended, {
        conversationId: event.conversationId,
        customerId,
        version: event.version,
        type: event.data.type,
        actorId: event.actorId,
        clientMessageId: event.clientMessageId,
        payload: event.data,
        occurredAt: event.occurredAt.toISOString(),
      })
      .catch((err: unknown) => deps.log.warn({ err, conversationId: event.conversationId, version: event.version }, 'chat event not published'));
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Row → event. */
export function storedEventOf(row: {
  conversationId: string;
  version: number;
  actorId: string | null;
  clientMessageId: string | null;
  occurredAt: Date;
  payload: unknown;
}): StoredEvent {
  return {
    conversationId: row.conversationId,
    version: row.version,
    actorId: row.actorId,
    clientMessageId: row.clientMessageId,
    occurredAt: row.occurredAt,
    data: row.payload as EventData,
  };
}

/** The events after `afterVersion`, oldest first, at most `limit`. */
export async function readLog(prisma: PrismaClient, conversationId: string, afterVersion: number, limit = 500): Promise<StoredEvent[]> {
  const rows = await prisma.chatEvent.findMany({
    where: { conversationId, version: { gt: afterVersion } },
    orderBy: { version: 'asc' },
    take: limit,
  });
  return rows.map(storedEventOf);
}
