import { inVersionOrder } from '../src/ordered';

interface Change {
  key: string;
  version: number;
}

const MAX_WAIT_MS = 40;

/** An ordering buffer that records what it delivers, as `key@version`. */
function recorder(maxWaitMs = MAX_WAIT_MS, startAt?: (key: string) => number | undefined) {
  const delivered: string[] = [];
  const ordering = inVersionOrder<Change>(
    (change) => change.key,
    (change) => delivered.push(`${change.key}@${change.version}`),
    { maxWaitMs, startAt },
  );
  const push = (key: string, ...versions: number[]) => {
    for (const version of versions) ordering.push({ key, version });
  };
  return { delivered, push, close: ordering.close };
}

describe('inVersionOrder', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('passes events that arrive in order straight through, without waiting', () => {
    const { delivered, push } = recorder();
    push('a', 7, 8, 9);
    expect(delivered).toEqual(['a@7', 'a@8', 'a@9']);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('starts each key at the first version it sees, whatever that is', () => {
    const { delivered, push } = recorder();
    push('a', 41);
    push('b', 1);
    expect(delivered).toEqual(['a@41', 'b@1']);
  });

  it('starts a key at the version startAt gives, so a swapped first pair still comes out in order', () => {
    const { delivered, push } = recorder(MAX_WAIT_MS, (key) => (key === 'a' ? 1 : undefined));
    push('a', 2);
    expect(delivered).toEqual([]);
    push('a', 1);
    push('b', 9);
    expect(delivered).toEqual(['a@1', 'a@2', 'b@9']);
  });

  it('drops events older than the startAt version and waits for it before later ones', () => {
    const { delivered, push } = recorder(MAX_WAIT_MS, () => 5);
    push('a', 3, 4, 6);
    expect(delivered).toEqual([]);
    jest.advanceTimersByTime(MAX_WAIT_MS);
    expect(delivered).toEqual(['a@6']);
  });

  it('holds a later event until the earlier one arrives, then delivers both in order', () => {
    const { delivered, push } = recorder();
    push('a', 1, 3);
    expect(delivered).toEqual(['a@1']);
    push('a', 2);
    expect(delivered).toEqual(['a@1', 'a@2', 'a@3']);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('puts a longer run of shuffled events back in order', () => {
    const { delivered, push } = recorder();
    push('a', 10, 14, 12, 13, 11, 15);
    expect(delivered).toEqual(['a@10', 'a@11', 'a@12', 'a@13', 'a@14', 'a@15']);
  });

  it('drops duplicates and versions older than the last one delivered', () => {
    const { delivered, push } = recorder();
    push('a', 5, 6, 6, 5, 4, 7);
    expect(delivered).toEqual(['a@5', 'a@6', 'a@7']);
  });

  it('delivers a held event once even when it arrives twice while waiting', () => {
    const { delivered, push } = recorder();
    push('a', 1, 3, 3, 2);
    expect(delivered).toEqual(['a@1', 'a@2', 'a@3']);
  });

  it('orders each key on its own: a gap in one key does not hold back another', () => {
    const { delivered, push } = recorder();
    push('a', 1, 3);
    push('b', 1, 2);
    push('a', 4);
    push('b', 3);
    expect(delivered).toEqual(['a@1', 'b@1', 'b@2', 'b@3']);
    push('a', 2);
    expect(delivered).toEqual(['a@1', 'b@1', 'b@2', 'b@3', 'a@2', 'a@3', 'a@4']);
  });

  it('skips a gap that does not fill within maxWaitMs and delivers what waited behind it', () => {
    const { delivered, push } = recorder();
    push('a', 1, 3, 4);
    jest.advanceTimersByTime(MAX_WAIT_MS - 1);
    expect(delivered).toEqual(['a@1']);
    jest.advanceTimersByTime(1);
    expect(delivered).toEqual(['a@1', 'a@3', 'a@4']);
  });

  it('drops the missing event if it turns up after its gap was skipped', () => {
    const { delivered, push } = recorder();
    push('a', 1, 3);
    jest.advanceTimersByTime(MAX_WAIT_MS);
    push('a', 2, 4);
    expect(delivered).toEqual(['a@1', 'a@3', 'a@4']);
  });

  it('waits again for a second gap after skipping the first', () => {
    const { delivered, push } = recorder();
    push('a', 1, 3, 5);
    jest.advanceTimersByTime(MAX_WAIT_MS);
    expect(delivered).toEqual(['a@1', 'a@3']);
    jest.advanceTimersByTime(MAX_WAIT_MS);
    expect(delivered).toEqual(['a@1', 'a@3', 'a@5']);
  });

  it('skips a gap after maxWaitMs even while later events keep arriving', () => {
    const { delivered, push } = recorder();
    push('a', 1);
    // Version 2 never comes; the rest trickle in faster than maxWaitMs.
    for (let version = 3; version <= 8; version += 1) {
      push('a', version);
      jest.advanceTimersByTime(MAX_WAIT_MS / 4);
    }
    expect(delivered).toEqual(['a@1', 'a@3', 'a@4', 'a@5', 'a@6', 'a@7', 'a@8']);
  });

  it('times each key’s gap on its own', () => {
    const { delivered, push } = recorder();
    push('a', 1, 3);
    jest.advanceTimersByTime(MAX_WAIT_MS / 2);
    push('b', 1, 3);
    jest.advanceTimersByTime(MAX_WAIT_MS / 2);
    expect(delivered).toEqual(['a@1', 'b@1', 'a@3']);
    jest.advanceTimersByTime(MAX_WAIT_MS / 2);
    expect(delivered).toEqual(['a@1', 'b@1', 'a@3', 'b@3']);
  });

  it('cancels its timers on close, so held events are never delivered', () => {
    const { delivered, push, close } = recorder();
    push('a', 1, 3);
    push('b', 1, 3);
    expect(jest.getTimerCount()).toBe(2);
    close();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(MAX_WAIT_MS * 10);
    expect(delivered).toEqual(['a@1', 'b@1']);
  });

  it('skips a gap on real timers too', async () => {
    jest.useRealTimers();
    const { delivered, push, close } = recorder(20);
    push('a', 1, 3);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(delivered).toEqual(['a@1', 'a@3']);
    close();
  });
});
