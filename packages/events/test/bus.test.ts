import { faker } from '@faker-js/faker';
import { createLogger } from '@bodega/logger';
import { createEventBus, type EventBus } from '../src/bus';
import { Topic, type StockChangedEvent } from '../src/events';
import { topicStream } from '../src/stream';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = createLogger('events-test', 'silent');

faker.seed(4107);

// Other test files publish on the same Redis channels: every test only looks at its own product ids.
function stockChanged(productId: string, version: number): StockChangedEvent {
  return {
    productId,
    stock: faker.number.int({ min: 0, max: 500 }),
    delta: -1,
    reason: 'SALE',
    lowStockThreshold: 10,
    version,
    occurredAt: faker.date.recent().toISOString(),
  };
}

/** Subscribes and collects the events of one product; `until(n)` waits for the n-th. */
async function collect(bus: EventBus, productId: string) {
  const seen: StockChangedEvent[] = [];
  const waiters: Array<() => void> = [];
  const unsubscribe = await bus.subscribe(Topic.StockChanged, (event) => {
    if (event.productId !== productId) return;
    seen.push(event);
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (count: number, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (seen.length < count) {
      if (Date.now() > deadline) throw new Error(`saw ${seen.length} of ${count} events`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return seen;
  };
  return { seen, until, unsubscribe };
}

describe('the Redis event bus', () => {
  let buses: EventBus[];
  beforeAll(() => {
    buses = [0, 1, 2].map(() => createEventBus({ redisUrl: REDIS_URL, log }));
  });
  afterAll(() => Promise.all(buses.map((bus) => bus.close())));

  it('is backed by Redis when given a URL', () => {
    expect(buses.map((bus) => bus.kind)).toEqual(['redis', 'redis', 'redis']);
  });

  it('delivers one published event exactly once to each subscribing process', async () => {
    const [first, second, publisher] = buses as [EventBus, EventBus, EventBus];
    const productId = faker.string.uuid();
    const a = await collect(first, productId);
    const b = await collect(second, productId);
    const event = stockChanged(productId, 1);
    const endMarker = stockChanged(productId, 2);
    await publisher.publish(Topic.StockChanged, event);
    // Redis keeps one publisher's messages in order, so once the marker is in, so is any duplicate.
    await publisher.publish(Topic.StockChanged, endMarker);
    expect(await a.until(2)).toEqual([event, endMarker]);
    expect(await b.until(2)).toEqual([event, endMarker]);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('stops delivering to a subscriber once it unsubscribes, while others still receive', async () => {
    const [first, second, publisher] = buses as [EventBus, EventBus, EventBus];
    const productId = faker.string.uuid();
    const leaving = await collect(first, productId);
    const staying = await collect(second, productId);
    await publisher.publish(Topic.StockChanged, stockChanged(productId, 1));
    await leaving.until(1);
    leaving.unsubscribe();
    await publisher.publish(Topic.StockChanged, stockChanged(productId, 2));
    await publisher.publish(Topic.StockChanged, stockChanged(productId, 3));
    expect((await staying.until(3)).map((event) => event.version)).toEqual([1, 2, 3]);
    expect(leaving.seen.map((event) => event.version)).toEqual([1]);
    staying.unsubscribe();
  });

  it('ends the bus subscription when a topic stream is returned', async () => {
    const [bus, , publisher] = buses as [EventBus, EventBus, EventBus];
    const productId = faker.string.uuid();
    const pushed: number[] = [];
    const stream = topicStream(bus, Topic.StockChanged, (emit: (event: StockChangedEvent) => void) => ({
      push: (event) => {
        if (event.productId !== productId) return;
        pushed.push(event.version);
        emit(event);
      },
    }));
    // A second subscriber on the same bus (the same Redis connection) sees what the stream would have.
    const witness = await collect(bus, productId);
    await publisher.publish(Topic.StockChanged, stockChanged(productId, 1));
    expect((await stream.next()).value).toMatchObject({ productId, version: 1 });
    await expect(stream.return!()).resolves.toEqual({ value: undefined, done: true });
    await publisher.publish(Topic.StockChanged, stockChanged(productId, 2));
    await witness.until(2);
    expect(pushed).toEqual([1]);
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
    witness.unsubscribe();
  });
});

describe('the in-process event bus', () => {
  let bus: EventBus;
  let other: EventBus;
  beforeAll(() => {
    bus = createEventBus({ log });
    other = createEventBus({ log });
  });
  afterAll(() => Promise.all([bus.close(), other.close()]));

  it('is used when no Redis URL is given', () => {
    expect(bus.kind).toBe('in-process');
  });

  it('delivers a published event to every subscriber of the same bus', async () => {
    const productId = faker.string.uuid();
    const a = await collect(bus, productId);
    const b = await collect(bus, productId);
    const event = stockChanged(productId, 1);
    await bus.publish(Topic.StockChanged, event);
    expect(await a.until(1)).toEqual([event]);
    expect(await b.until(1)).toEqual([event]);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('keeps events inside the bus they were published on', async () => {
    const productId = faker.string.uuid();
    const elsewhere = await collect(other, productId);
    const here = await collect(bus, productId);
    await bus.publish(Topic.StockChanged, stockChanged(productId, 1));
    await here.until(1);
    expect(elsewhere.seen).toEqual([]);
    here.unsubscribe();
    elsewhere.unsubscribe();
  });

  it('delivers nothing more once a topic stream is returned, and ends waiting readers', async () => {
    const productId = faker.string.uuid();
    let pushes = 0;
    const stream = topicStream(bus, Topic.StockChanged, (emit: (event: StockChangedEvent) => void) => ({
      push: (event) => {
        pushes += 1;
        emit(event);
      },
    }));
    await bus.publish(Topic.StockChanged, stockChanged(productId, 1));
    expect((await stream.next()).value).toMatchObject({ version: 1 });
    const waiting = stream.next();
    await stream.return!();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    await bus.publish(Topic.StockChanged, stockChanged(productId, 2));
    expect(pushes).toBe(1);
  });
});

describe('topicStream with a reader that falls behind', () => {
  it('drops the oldest events past its high-water mark and reports each drop', async () => {
    const bus = createEventBus({ log: createLogger('test', 'silent') });
    let dropped = 0;
    const stream = topicStream(bus, Topic.LowStockAlert, (emit) => ({ push: emit }), {
      highWaterMark: 2,
      onDrop: () => void (dropped += 1),
    });
    await new Promise((resolve) => setImmediate(resolve));
    for (const stock of [3, 2, 1]) {
      await bus.publish(Topic.LowStockAlert, { alertId: `a${stock}`, productId: 'p', stock, threshold: 5, version: 10 - stock, occurredAt: '' });
    }
    expect(dropped).toBe(1);
    expect((await stream.next()).value?.stock).toBe(2);
    await stream.return?.();
    await bus.close();
  });
});
