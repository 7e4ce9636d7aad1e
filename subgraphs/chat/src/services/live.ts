import { Topic, type ChatEventAppendedEvent } from '@bodega/events';
import type { Context } from '../context';
import { readLog } from '../events/store';
import { messageModelOf, type EventData, type MessageModel, type StoredEvent } from '../events/types';
import { isStaff, visibleConversation } from './access';
import { sequenceOfCursor } from './cursor';

/** Events held for a subscriber that reads slower than they come, before it is ended (it resumes by cursor). */
const MAX_BACKLOG = 5000;

/**
 * `messageAdded(conversationId, after)`: what the caller missed after the cursor, replayed from
 * the log, then live, with no gap and no duplicate. Listening starts before the replay is read;
 * versions are consecutive per conversation, so each event is delivered exactly when it is the
 * next one, and a live event past a gap (one published out of order, or lost) makes the gap be
 * read from the log, where it already is: version n+1 is appended only after n committed.
 */
export async function messagesAdded(ctx: Context, conversationId: string, after?: string | null): Promise<AsyncIterableIterator<MessageModel>> {
  const { identity, conversation } = await visibleConversation(ctx, 'follow a conversation', conversationId);
  const staff = isStaff(identity);
  const start = after ? sequenceOfCursor(after) : conversation.version;
  const visible = (message: MessageModel | null): message is MessageModel => message !== null && (staff || !message.internal);
  return followLog(ctx, conversationId, start, (event) => {
    const message = messageModelOf(event);
    return visible(message) ? message : undefined;
  });
}

/** Every event of one conversation after `afterVersion`, in version order, mapped (undefined: skipped). */
export function followLog<Out>(
  ctx: Pick<Context, 'events' | 'prisma' | 'log'>,
  conversationId: string,
  afterVersion: number,
  map: (event: StoredEvent) => Out | undefined,
): AsyncIterableIterator<Out> {
  const output: Out[] = [];
  const readers: Array<(result: IteratorResult<Out>) => void> = [];
  let done = false;
  let delivered = afterVersion;
  /** The highest version heard live: everything up to it is committed and can be read from the log. */
  let newest = afterVersion;
  let replaying = true;
  const live = new Map<number, StoredEvent>();
  let pumping: Promise<void> = Promise.resolve();

  const emit = (value: Out) => {
    const reader = readers.shift();
    if (reader) reader({ value, done: false });
    else output.push(value);
  };
  const deliver = (event: StoredEvent) => {
    if (event.version !== delivered + 1) return;
    delivered = event.version;
    const value = map(event);
    if (value !== undefined) emit(value);
  };
  // One pump at a time: replay, live events in order, and reads of gaps from the log.
  const pump = () => {
    pumping = pumping.then(async () => {
      while (!done) {
        const next = live.get(delivered + 1);
        if (next) {
          live.delete(next.version);
          deliver(next);
          continue;
        }
        if (!replaying && newest <= delivered) break;
        const missing = await readLog(ctx.prisma, conversationId, delivered, 500);
        if (missing.length === 0) break;
        for (const event of missing) {
          live.delete(event.version);
          deliver(event);
        }
      }
      for (const version of live.keys()) if (version <= delivered) live.delete(version);
      if (output.length > MAX_BACKLOG) fail(new Error('subscriber too far behind'));
    }).catch((err: unknown) => fail(err));
  };
  const fail = (err: unknown) => {
    ctx.log.warn({ err, conversationId }, 'message stream ended; the client resumes with its cursor');
    void finish();
  };

  const unsubscribe = ctx.events.subscribe(Topic.ChatEventAppended, (event: ChatEventAppendedEvent) => {
    if (done || event.conversationId !== conversationId || event.version <= delivered) return;
    live.set(event.version, {
      conversationId,
      version: event.version,
      actorId: event.actorId,
      clientMessageId: event.clientMessageId,
      occurredAt: new Date(event.occurredAt),
      data: event.payload as EventData,
    });
    newest = Math.max(newest, event.version);
    pump();
  });
  // Listening first, then the replay: whatever commits in between arrives live or is read here.
  void unsubscribe.then(() => {
    pump();
    pumping = pumping.then(() => {
      replaying = false;
      if (newest > delivered) pump();
    });
  }, fail);

  const finish = async (): Promise<IteratorResult<Out>> => {
    if (!done) {
      done = true;
      live.clear();
      for (const reader of readers.splice(0)) reader({ value: undefined, done: true });
      (await unsubscribe.catch(() => () => undefined))();
    }
    return { value: undefined, done: true };
  };

  return {
    next: () => {
      if (output.length > 0) return Promise.resolve({ value: output.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => readers.push(resolve));
    },
    return: finish,
    throw: async (error) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
