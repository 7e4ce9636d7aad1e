import type { Role } from './identity';

/** What accounts says about a user now. */
export interface UserStanding {
  role: Role;
  /** Sessions ended within the last access-token lifetime: their tokens are refused. */
  revokedSessions: readonly string[];
}

/**
 * Where a token's user is checked: accounts' database (in the accounts process, or every service
 * of `npm start`), or accounts over HTTP. A user missing from the answer does not exist.
 */
export interface StandingSource {
  lookup(userIds: readonly string[]): Promise<ReadonlyMap<string, UserStanding>>;
}

export interface Standing {
  role: Role;
  revokedSessions: ReadonlySet<string>;
}

interface Entry {
  /** null: no such user. */
  standing: Standing | null;
  fetchedAt: number;
  /** A failed background refresh is not retried before this. */
  retryAt: number;
}

interface Waiter {
  resolve(standing: Standing | null): void;
  reject(error: unknown): void;
}

export interface StandingCacheOptions {
  /**
   * How long an answer is used before it is asked again, in the background while the old one
   * still serves. Changes made through accounts are announced (events) and take effect at once;
   * this bounds how long a lost announcement, or a user deleted outside accounts, goes unnoticed.
   * @default 30_000
   */
  refreshMs?: number;
  /**
   * How long a background refresh waits for others to share its lookup: refreshing costs this
   * process at most about one lookup per `gatherMs` however many users are active.
   * @default 1_000
   */
  gatherMs?: number;
  /** Users remembered; the least recently fetched go first. @default 100_000 */
  maxEntries?: number;
  /** Users per lookup. @default 100 */
  batchSize?: number;
  /** Told when a background refresh fails (the old answer keeps serving). */
  onRefreshError?: (error: unknown) => void;
}

const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * Each user's standing, in memory: checking a token costs no round trip. Misses wait for one
 * lookup, batched across concurrent requests; stale answers are refreshed in the background.
 */
export class StandingCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Standing | null>>();
  /** Users forgotten while their lookup was in flight: that answer may predate the change. */
  private readonly dirty = new Set<string>();
  private batch = new Map<string, Waiter>();
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly refreshMs: number;
  private readonly gatherMs: number;
  private readonly maxEntries: number;
  private readonly batchSize: number;

  constructor(
    private readonly source: StandingSource,
    private readonly options: StandingCacheOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 30_000;
    this.gatherMs = options.gatherMs ?? 1_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.batchSize = options.batchSize ?? 100;
  }

  /** The user's standing (null: no such user); synchronous when known. Rejects only when unknown and the lookup fails. */
  get(userId: string, now = Date.now()): Standing | null | Promise<Standing | null> {
    const entry = this.entries.get(userId);
    if (!entry) return this.fetch(userId, true);
    if (now - entry.fetchedAt >= this.refreshMs && now >= entry.retryAt && !this.inflight.has(userId)) {
      this.fetch(userId, false).catch((error: unknown) => {
        entry.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
        this.options.onRefreshError?.(error);
      });
    }
    return entry.standing;
  }

  /** Drops what is known about the user: the next check asks again. */
  forget(userId: string): void {
    this.entries.delete(userId);
    if (this.inflight.has(userId)) this.dirty.add(userId);
  }

  /** A request waiting (`urgent`) is looked up in this turn of the event loop; a background refresh a little later. */
  private fetch(userId: string, urgent: boolean): Promise<Standing | null> {
    const existing = this.inflight.get(userId);
    if (existing) {
      if (urgent) this.scheduleNow();
      return existing;
    }
    const promise = new Promise<Standing | null>((resolve, reject) => this.batch.set(userId, { resolve, reject }));
    this.inflight.set(userId, promise);
    if (urgent) this.scheduleNow();
    else this.timer ??= setTimeout(() => this.flush(), this.gatherMs).unref();
    return promise;
  }

  private scheduleNow(): void {
    this.immediate ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    clearImmediate(this.immediate);
    clearTimeout(this.timer);
    this.immediate = this.timer = undefined;
    const waiting = this.batch;
    this.batch = new Map();
    const ids = [...waiting.keys()];
    for (let start = 0; start < ids.length; start += this.batchSize) {
      void this.lookup(ids.slice(start, start + this.batchSize), waiting);
    }
  }

  private async lookup(ids: string[], waiting: Map<string, Waiter>): Promise<void> {
    try {
      const found = await this.source.lookup(ids);
      const now = Date.now();
      for (const id of ids) {
        const answer = found.get(id);
        const standing = answer ? { role: answer.role, revokedSessions: new Set(answer.revokedSessions) } : null;
        this.inflight.delete(id);
        if (!this.dirty.delete(id)) this.remember(id, { standing, fetchedAt: now, retryAt: 0 });
        waiting.get(id)!.resolve(standing);
      }
    } catch (error) {
      for (const id of ids) {
        this.inflight.delete(id);
        this.dirty.delete(id);
        waiting.get(id)!.reject(error);
      }
    }
  }

  private remember(id: string, entry: Entry): void {
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, entry);
  }
}
