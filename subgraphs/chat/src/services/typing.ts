import { Topic, topicStream, type ChatTypingEvent } from '@bodega/events';
import type { Context } from '../context';
import { authorRole, visibleConversation } from './access';

/** How long "typing" lasts unless repeated: clients send it again while the person types. */
export const TYPING_TTL_MS = 5000;

/** Ephemeral: kept in the typing store with a TTL and announced on the bus, never in the event log. */
export async function setTyping(ctx: Context, conversationId: string, typing: boolean): Promise<boolean> {
  const { identity } = await visibleConversation(ctx, 'say you are typing', conversationId);
  const role = authorRole(identity);
  const expiresAt = new Date(Date.now() + (typing ? TYPING_TTL_MS : 0));
  if (typing) await ctx.typing.set(conversationId, { userId: identity.userId, role, expiresAt });
  else await ctx.typing.clear(conversationId, identity.userId);
  await ctx.events.publish(Topic.ChatTyping, { conversationId, userId: identity.userId, role, typing, expiresAt: expiresAt.toISOString() });
  return typing;
}

/**
 * Typing indicators of one conversation: who types now first, then changes; an indicator that is
 * not renewed turns into `typing: false` at its expiry, by itself. Nobody hears their own.
 */
export async function typingChanges(ctx: Context, conversationId: string): Promise<AsyncIterableIterator<ChatTypingEvent>> {
  const { identity } = await visibleConversation(ctx, 'follow typing', conversationId);
  const current = await ctx.typing.list(conversationId);
  return topicStream(ctx.events, Topic.ChatTyping, (emit) => {
    const timers = new Map<string, NodeJS.Timeout>();
    const push = (event: ChatTypingEvent) => {
      if (event.conversationId !== conversationId || event.userId === identity.userId) return;
      clearTimeout(timers.get(event.userId));
      timers.delete(event.userId);
      emit(event);
      if (!event.typing) return;
      const wait = Math.max(0, new Date(event.expiresAt).getTime() - Date.now());
      timers.set(
        event.userId,
        setTimeout(() => {
          timers.delete(event.userId);
          emit({ ...event, typing: false });
        }, wait),
      );
    };
    queueMicrotask(() => {
      for (const entry of current) push({ conversationId, userId: entry.userId, role: entry.role, typing: true, expiresAt: entry.expiresAt.toISOString() });
    });
    return {
      push,
      close: () => {
        for (const timer of timers.values()) clearTimeout(timer);
        timers.clear();
      },
    };
  });
}
