import type { Redis } from 'ioredis';

/** Where answers are kept so the same question costs one model call. Values are JSON text. */
export interface AnswerCache {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

export interface RedisAnswerCacheOptions {
  /** Default: "bodega:ai:". */
  prefix?: string;
  /**
   * A cache that does not answer within this is treated as a miss (get) or skipped (set), so a
   * slow or unreachable Redis delays enrichment by at most this much. Default: 250 ms.
   */
  timeoutMs?: number;
}

/** Shared by every process of a deployment: one model call per product text, whichever process asks. */
export class RedisAnswerCache implements AnswerCache {
  readonly kind = 'redis' as const;
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisAnswerCacheOptions = {},
  ) {
    this.prefix = options.prefix ?? 'bodega:ai:';
    this.timeoutMs = options.timeoutMs ?? 250;
  }

  async get(key: string): Promise<string | undefined> {
    const value = await within(this.timeoutMs, this.redis.get(this.prefix + key));
    return value ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await within(this.timeoutMs, this.redis.set(this.prefix + key, value, 'EX', ttlSeconds));
  }
}

export interface MemoryAnswerCacheOptions {
  /** Least recently used entries go first past this. Default: 1,000. */
  maxEntries?: number;
  /** Default: Date.now. */
  now?: () => number;
}

/** For one process without Redis (`npm start`'s embedded default): a bounded LRU with expiry. */
export class MemoryAnswerCache implements AnswerCache {
  readonly kind = 'memory' as const;
  // A Map iterates in insertion order: re-inserting on read makes the first key the least recent.
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryAnswerCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The cache did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
