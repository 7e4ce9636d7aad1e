import { faker } from '@faker-js/faker';
import { Topic } from '@bodega/events';
import { startLiveSubgraph, type LiveSubgraph, type LiveSubscription } from './live-harness';

const SELL = 'mutation ($id: ID!, $q: Int!) { sellProduct(id: $id, quantity: $q) { id stock } }';
const RESTOCK = 'mutation ($id: ID!, $q: Int!) { restockProduct(id: $id, quantity: $q) { id stock } }';
const STOCK_CHANGED = `subscription ($productId: ID) {
  stockChanged(productId: $productId) { stock delta reason version occurredAt product { id name stock } }
}`;
const STOCK_CHANGED_SCALARS = `subscription ($productId: ID) {
  stockChanged(productId: $productId) { stock delta reason version }
}`;
const LOW_STOCK = 'subscription { lowStockAlert { stock threshold occurredAt product { id name } } }';

interface StockChange {
  stock: number;
  delta: number;
  reason: string;
  version: number;
  occurredAt?: string;
  product?: { id: string; name: string; stock: number };
}
type StockChanged = { stockChanged: StockChange };
type LowStock = { lowStockAlert: { stock: number; threshold: number; occurredAt: string; product: { id: string; name: string } } };

describe.each([
  ['the in-process bus', false],
  ['Redis', true],
])('subscriptions over graphql-ws with %s', (_name, redis) => {
  let live: LiveSubgraph;
  const open: Array<LiveSubscription<unknown>> = [];

  beforeAll(async () => {
    faker.seed(redis ? 2202 : 1101);
    live = await startLiveSubgraph({ redis });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscription) => subscription.close()));
    // Every test ends with the server holding no bus subscription: closing a client must end them.
    await live.untilLive(Topic.StockChanged, 0);
    await live.untilLive(Topic.LowStockAlert, 0);
  });
  afterAll(() => live.close());

  async function product(stock: number, lowStockThreshold = 10) {
    const name = faker.commerce.productName();
    return live.prisma.product.create({ data: { name, stock, lowStockThreshold } });
  }

  /** Subscribes and waits until the server's bus subscriptions are in place. */
  async function subscribe<T>(query: string, variables: Record<string, unknown>, [topic, count]: [Topic, number]) {
    const subscription = live.subscribe<T>(query, variables);
    open.push(subscription);
    await live.untilLive(topic, count);
    return subscription;
  }

  async function change(mutation: string, id: string, quantity: number) {
    const result = await live.http<Record<string, { stock: number }>>(mutation, { id, q: quantity });
    expect(result.errors).toBeUndefined();
    return result;
  }

  const changes = (results: ReadonlyArray<{ data?: StockChanged | null }>) => results.map((result) => result.data?.stockChanged);
  const of = (productId: string) => (result: { data?: StockChanged | null }) => result.data?.stockChanged.product?.id === productId;

  it('sends one event per committed sale or restock, with the product as it is after the change', async () => {
    const stocked = await product(20);
    const subscription = await subscribe<StockChanged>(STOCK_CHANGED, { productId: stocked.id }, [Topic.StockChanged, 1]);
    const steps: Array<[string, number]> = [
      [SELL, 3],
      [RESTOCK, 7],
      [SELL, 5],
    ];
    for (const [index, [mutation, quantity]] of steps.entries()) {
      await change(mutation, stocked.id, quantity);
      await subscription.waitFor(index + 1);
    }
    const events = changes(subscription.results);
    const expected = [
      { stock: 17, delta: -3, reason: 'SALE', version: 1 },
      { stock: 24, delta: 7, reason: 'RESTOCK', version: 2 },
      { stock: 19, delta: -5, reason: 'SALE', version: 3 },
    ];
    expect(events).toEqual(
      expected.map((event) => ({
        ...event,
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        product: { id: stocked.id, name: stocked.name, stock: event.stock },
      })),
    );
    expect(subscription.results.every((result) => result.errors === undefined)).toBe(true);
  });

  it('sends nothing for a sale refused as OUT_OF_STOCK', async () => {
    const stocked = await product(2);
    const subscription = await subscribe<StockChanged>(STOCK_CHANGED, { productId: stocked.id }, [Topic.StockChanged, 1]);
    const refused = await live.http(SELL, { id: stocked.id, q: 5 });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_STOCK' });
    // Events of one product arrive in order, so the restock's event comes after any the refusal sent.
    await change(RESTOCK, stocked.id, 1);
    await subscription.waitFor(1);
    expect(changes(subscription.results)).toMatchObject([{ stock: 3, delta: 1, reason: 'RESTOCK', version: 1 }]);
  });

  it('sends every product’s changes without a productId, and only that product’s with one', async () => {
    const [first, second] = [await product(30), await product(30)];
    const all = await subscribe<StockChanged>(STOCK_CHANGED, {}, [Topic.StockChanged, 1]);
    const onlyFirst = await subscribe<StockChanged>(STOCK_CHANGED, { productId: first.id }, [Topic.StockChanged, 2]);
    await change(SELL, first.id, 1);
    await change(SELL, second.id, 2);
    await change(SELL, first.id, 3);
    const mine = (result: { data?: StockChanged | null }) => of(first.id)(result) || of(second.id)(result);
    const everything = await all.waitFor(3, mine);
    expect(changes(everything).map((event) => [event?.product?.id, event?.stock])).toEqual([
      [first.id, 29],
      [second.id, 28],
      [first.id, 26],
    ]);
    await onlyFirst.waitFor(2);
    expect(changes(onlyFirst.results).map((event) => [event?.product?.id, event?.stock])).toEqual([
      [first.id, 29],
      [first.id, 26],
    ]);
  });

  it('alerts once when stock falls below the threshold, not on later sales below it, and again after a restock', async () => {
    const stocked = await product(12, 10);
    const alerts = await subscribe<LowStock>(LOW_STOCK, {}, [Topic.LowStockAlert, 1]);
    const isMine = (result: { data?: LowStock | null }) => result.data?.lowStockAlert.product.id === stocked.id;
    await change(SELL, stocked.id, 2); // 12 -> 10: at the threshold, not below
    await change(SELL, stocked.id, 1); // 10 -> 9: alert
    const [firstAlert] = await alerts.waitFor(1, isMine);
    await change(SELL, stocked.id, 1); // 9 -> 8
    await change(SELL, stocked.id, 3); // 8 -> 5
    await change(RESTOCK, stocked.id, 10); // 5 -> 15
    const soldBelow = Date.now();
    await change(SELL, stocked.id, 7); // 15 -> 8: alert
    const mine = await alerts.waitFor(2, isMine);
    // Alerts of one product arrive in the order they were published, so none can hide behind the second.
    expect(mine).toEqual([firstAlert, expect.anything()]);
    expect(mine.map((result) => result.data?.lowStockAlert)).toEqual([
      { stock: 9, threshold: 10, occurredAt: expect.any(String), product: { id: stocked.id, name: stocked.name } },
      { stock: 8, threshold: 10, occurredAt: expect.any(String), product: { id: stocked.id, name: stocked.name } },
    ]);
    // A product's alerts are rare, so their versions are not consecutive: the second must not wait for the gap.
    expect(Date.now() - soldBelow).toBeLessThan(400);
  });

  it('delivers 50 concurrent sales of one product as 50 events in commit order', async () => {
    const stocked = await product(50);
    const subscription = await subscribe<StockChanged>(STOCK_CHANGED_SCALARS, { productId: stocked.id }, [Topic.StockChanged, 1]);
    const sales = await Promise.all(Array.from({ length: 50 }, () => live.http(SELL, { id: stocked.id, q: 1 })));
    expect(sales.filter((sale) => sale.errors)).toEqual([]);
    const events = changes(await subscription.waitFor(50));
    expect(events.map((event) => event?.version)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(events.map((event) => event?.stock)).toEqual(Array.from({ length: 50 }, (_, index) => 49 - index));
    expect(events.every((event) => event?.delta === -1 && event.reason === 'SALE')).toBe(true);
    const after = await live.prisma.product.findUniqueOrThrow({ where: { id: stocked.id } });
    expect([after.stock, after.stockVersion]).toEqual([0, 50]);
  });

  it('puts a product’s first two changes in order even when their events arrive swapped', async () => {
    const stocked = await product(10);
    const subscription = await subscribe<StockChanged>(STOCK_CHANGED_SCALARS, { productId: stocked.id }, [Topic.StockChanged, 1]);
    // What two racing sales can do: both commit, and the second one's publish overtakes the first's.
    const sale = (version: number) => ({
      productId: stocked.id,
      stock: 10 - version,
      delta: -1,
      reason: 'SALE' as const,
      lowStockThreshold: 10,
      version,
      occurredAt: new Date().toISOString(),
    });
    await live.events.publish(Topic.StockChanged, sale(2));
    await live.events.publish(Topic.StockChanged, sale(1));
    await live.events.publish(Topic.StockChanged, sale(3));
    expect(changes(await subscription.waitFor(3)).map((event) => event?.version)).toEqual([1, 2, 3]);
  });

  it('puts swapped first changes in order for every product too (productId null), a product made later included', async () => {
    const before = await product(10);
    const subscription = await subscribe<StockChanged>(STOCK_CHANGED, { productId: null }, [Topic.StockChanged, 1]);
    const after = await product(10);
    const sale = (productId: string, version: number) => ({
      productId,
      stock: 10 - version,
      delta: -1,
      reason: 'SALE' as const,
      lowStockThreshold: 10,
      version,
      occurredAt: new Date().toISOString(),
    });
    for (const id of [before.id, after.id]) {
      await live.events.publish(Topic.StockChanged, sale(id, 2));
      await live.events.publish(Topic.StockChanged, sale(id, 1));
    }
    const seen = changes(await subscription.waitFor(4));
    for (const id of [before.id, after.id]) {
      expect(seen.filter((event) => event?.product?.id === id).map((event) => event?.version)).toEqual([1, 2]);
    }
  });

  it('ends the server’s bus subscriptions when the client goes away', async () => {
    const stocked = await product(5);
    const changesOnly = await subscribe<StockChanged>(STOCK_CHANGED, { productId: stocked.id }, [Topic.StockChanged, 1]);
    const alerts = await subscribe<LowStock>(LOW_STOCK, {}, [Topic.LowStockAlert, 1]);
    const watcher = await subscribe<StockChanged>(STOCK_CHANGED, { productId: stocked.id }, [Topic.StockChanged, 2]);
    await Promise.all([changesOnly.close(), alerts.close()]);
    await live.untilLive(Topic.StockChanged, 1);
    await live.untilLive(Topic.LowStockAlert, 0);
    // The client still connected keeps receiving.
    await change(SELL, stocked.id, 1);
    await watcher.waitFor(1);
    expect(changesOnly.results).toEqual([]);
    await watcher.close();
    await live.untilLive(Topic.StockChanged, 0);
  });
});
