import type { Redis } from 'ioredis';

export interface TypingEntry {
  userId: string;
  role: 'CUSTOMER' | 'AGENT';
  expiresAt: Date;
}

/** Who is typing in which conversation: entries expire by themselves, nothing is ever written to the log. */
export interface TypingStore {
  set(conversationId: string, entry: TypingEntry): Promise<void>;
  clear(conversationId: string, userId: string): Promise<void>;
  list(conversationId: string): Promise<TypingEntry[]>;
}

const key = (conversationId: string, userId: string) => `chat:typing:${conversationId}:${userId}`;

/** In Redis with a TTL (PX), shared by every chat process. */
export function redisTypingStore(redis: Redis): TypingStore {
  return {
    async set(conversationId, entry) {
      const ttl = Math.max(1, entry.expiresAt.getTime() - Date.now());
      await redis.set(key(conversationId, entry.userId), JSON.stringify({ role: entry.role, expiresAt: entry.expiresAt.toISOString() }), 'PX', ttl);
    },
    async clear(conversationId, userId) {
      await redis.del(key(conversationId, userId));
    },
    async list(conversationId) {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', key(conversationId, '*'), 'COUNT', 100);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      if (keys.length === 0) return [];
      const values = await redis.mget(...keys);
      return keys.flatMap((k, index) => {
        const value = values[index];
        if (!value) return [];
        const parsed = JSON.parse(value) as { role: 'CUSTOMER' | 'AGENT'; expiresAt: string };
        return [{ userId: k.slice(k.lastIndexOf(':') + 1), role: parsed.role, expiresAt: new Date(parsed.expiresAt) }];
      });
    },
  };
}

/** In this process's memory, for a process without Redis (the embedded default). */
export function memoryTypingStore(): TypingStore {
  const entries = new Map<string, Map<string, TypingEntry>>();
  return {
    async set(conversationId, entry) {
      if (!entries.has(conversationId)) entries.set(conversationId, new Map());
      entries.get(conversationId)!.set(entry.userId, entry);
    },
    async clear(conversationId, userId) {
      entries.get(conversationId)?.delete(userId);
    },
    async list(conversationId) {
      const now = Date.now();
      return [...(entries.get(conversationId)?.values() ?? [])].filter((entry) => entry.expiresAt.getTime() > now);
    },
  };
}
