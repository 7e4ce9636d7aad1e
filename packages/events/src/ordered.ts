export interface Versioned {
  /** Consecutive per key, in commit order. */
  version: number;
}

export interface OrderingOptions {
  /** How long a later event waits for a missing earlier one before going out anyway. Default: 500 ms. */
  maxWaitMs?: number;
  /**
   * The first version to deliver for a key, when the subscriber knows it (read before
   * subscribing). Default: unknown, and the first event seen for the key sets it.
   */
  startAt?: (key: string) => number | undefined;
}

/**
 * Delivers events in version order per key. Publishers announce after commit, so two
 * changes of one product, committed in order, can reach Redis swapped; this puts them
 * back. `startAt`, or else the first event seen for a key, sets where that key starts; a gap
 * that does not fill within `maxWaitMs` is skipped rather than stalling the stream.
 */
export function inVersionOrder<T extends Versioned>(
  keyOf: (event: T) => string,
  deliver: (event: T) => void,
  options: OrderingOptions = {},
): { push(event: T): void; close(): void } {
  const maxWaitMs = options.maxWaitMs ?? 500;
  const next = new Map<string, number>();
  const waiting = new Map<string, Map<number, T>>();
  const timers = new Map<string, NodeJS.Timeout>();

  const drain = (key: string) => {
    const pending = waiting.get(key);
    const before = next.get(key)!;
    let expected = before;
    while (pending?.has(expected)) {
      deliver(pending.get(expected)!);
      pending.delete(expected);
      expected += 1;
    }
    next.set(key, expected);
    // The wait is for one gap: later arrivals behind the same gap must not restart it.
    const sameGap = expected === before && timers.has(key);
    if (sameGap) return;
    clearTimeout(timers.get(key));
    timers.delete(key);
    if (pending && pending.size > 0) {
      timers.set(key, setTimeout(() => skipGap(key), maxWaitMs));
    } else {
      waiting.delete(key);
    }
  };

  const skipGap = (key: string) => {
    const pending = waiting.get(key);
    if (!pending || pending.size === 0) return;
    next.set(key, Math.min(...pending.keys()));
    drain(key);
  };

  return {
    push(event) {
      const key = keyOf(event);
      let expected = next.get(key);
      if (expected === undefined) {
        expected = options.startAt?.(key);
        if (expected === undefined) {
          next.set(key, event.version + 1);
          deliver(event);
          return;
        }
        next.set(key, expected);
      }
      if (event.version < expected) return; // already delivered, or skipped as a gap
      let pending = waiting.get(key);
      if (!pending) waiting.set(key, (pending = new Map()));
      pending.set(event.version, event);
      drain(key);
    },
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      waiting.clear();
    },
  };
}
