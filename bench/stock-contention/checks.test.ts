import { faker } from '@faker-js/faker';
import { orderChecks, sellChecks, type Check, type StockMovement } from './checks';
import type { OrderBooks } from './ledger';
import type { ExactLoadResult } from './load';
import type { AnswerTally } from './traffic';

beforeAll(() => faker.seed(1306));

function load(sent: number, overrides: Partial<ExactLoadResult> = {}): ExactLoadResult {
  return {
    sent,
    answered: sent,
    unanswered: 0,
    wallSeconds: 10,
    requestsPerSecond: sent / 10,
    latencyMs: { average: 5, p50: 4, p90: 8, p99: 12, max: 20 },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    statusCodes: { 200: sent },
    startedAt: 0,
    lastAnswerAt: 10_000,
    ...overrides,
  };
}

function tally(succeeded: number, overrides: Partial<AnswerTally> = {}): AnswerTally {
  return { succeeded, outOfStock: 0, otherErrors: {}, malformed: 0, examples: {}, lastSuccessAt: 9_000, ...overrides };
}

const stockOf = (initial: number, final: number, changes = initial - final): StockMovement => ({ initial, final, taken: initial - final, changes });
/** Each sale's answer: the stock its own UPDATE left, final … initial − 1, in any order. */
const answersFor = (initial: number, final: number) => faker.helpers.shuffle(Array.from({ length: initial - final }, (_, i) => final + i));
const failed = (checks: Check[]) => checks.filter((check) => !check.ok).map((check) => check.name);

describe('sell checks (zero oversell for sales)', () => {
  it('pass when every unit taken was answered as sold once and each sale saw its own stock', () => {
    const initial = faker.number.int({ min: 500, max: 5000 });
    const final = faker.number.int({ min: 1, max: initial - 100 });
    const checks = sellChecks({ load: load(initial - final), tally: tally(initial - final), stock: stockOf(initial, final), runsOut: false }, answersFor(initial, final));
    expect(failed(checks)).toEqual([]);
  });

  it('fail when more units were taken than sales were answered (an oversell)', () => {
    const checks = sellChecks({ load: load(99), tally: tally(99), stock: stockOf(1000, 900), runsOut: false }, answersFor(1000, 901));
    expect(failed(checks)).toEqual(expect.arrayContaining(['answered sales = stock taken', 'each sale saw its own stock']));
  });

  it('fail when two sales were answered with the same stock (a lost update)', () => {
    const answers = answersFor(200, 100);
    answers[0] = answers[1]!;
    const checks = sellChecks({ load: load(100), tally: tally(100), stock: stockOf(200, 100), runsOut: false }, answers);
    expect(failed(checks)).toEqual(['each sale saw its own stock']);
  });

  it('fail when a committed change took no unit, or stock went below zero', () => {
    const checks = sellChecks({ load: load(10), tally: tally(10), stock: { initial: 5, final: -5, taken: 10, changes: 11 }, runsOut: false }, answersFor(5, -5));
    expect(failed(checks)).toEqual(expect.arrayContaining(['stock never below zero', 'one stock change per unit taken']));
  });

  it('fail on an unanswered request, a non-2xx answer or an error other than OUT_OF_STOCK', () => {
    const run = {
      load: load(101, { unanswered: 1, non2xx: 1, statusCodes: { 200: 100, 503: 1 } }),
      tally: tally(100, { otherErrors: { INTERNAL_SERVER_ERROR: 1 } }),
      stock: stockOf(300, 200),
      runsOut: false,
    };
    expect(failed(sellChecks(run, answersFor(300, 200)))).toEqual(['every request answered', 'no non-2xx answer', 'no error']);
  });

  it('accept OUT_OF_STOCK only when the scenario runs out, and then require that it did', () => {
    const sold = { load: load(130), tally: tally(100, { outOfStock: 30 }), stock: stockOf(100, 0), runsOut: true };
    expect(failed(sellChecks(sold, answersFor(100, 0)))).toEqual([]);
    expect(failed(sellChecks({ ...sold, runsOut: false }, answersFor(100, 0)))).toEqual(['no error']);

    const leftOver = sellChecks({ load: load(60), tally: tally(60), stock: stockOf(100, 40), runsOut: true }, answersFor(100, 40));
    const ranOut = leftOver.find((check) => check.name === 'stock ran out, then OUT_OF_STOCK')!;
    expect(ranOut.ok).toBe(false);
    expect(ranOut.detail).toContain('lower --sell-runs-out-stock');
  });
});

describe('order checks (zero oversell for orders)', () => {
  const ids = (n: number) => Array.from({ length: n }, () => faker.string.uuid());
  const books = (units: number, orders: number, overrides: Partial<OrderBooks> = {}): OrderBooks => ({
    placedOrders: orders,
    placedUnits: units,
    reservedOrders: orders,
    reservedUnits: units,
    reservationsWithoutOrder: 0,
    ordersWithoutReservation: 0,
    unfinishedOrders: 0,
    ...overrides,
  });

  it('pass when stock taken = units in PLACED orders = units reserved, and every PLACED order was answered', () => {
    const placed = ids(faker.number.int({ min: 10, max: 80 }));
    const run = { load: load(placed.length), tally: tally(placed.length), stock: stockOf(500, 500 - placed.length), runsOut: false };
    expect(failed(orderChecks(run, placed, books(placed.length, placed.length), placed))).toEqual([]);
  });

  it('fail when a reservation holds stock for no PLACED order', () => {
    const placed = ids(20);
    const run = { load: load(20), tally: tally(20), stock: stockOf(100, 79), runsOut: false };
    const checks = orderChecks(run, placed, books(20, 20, { reservedUnits: 21, reservedOrders: 21, reservationsWithoutOrder: 1 }), placed);
    expect(failed(checks)).toEqual(['units in PLACED orders = stock taken', 'RESERVED units = PLACED units, order by order']);
  });

  it('fail when an answered order is not PLACED in the database, or a PLACED one was never answered', () => {
    const placed = ids(10);
    const inDatabase = [...placed.slice(1), faker.string.uuid()];
    const run = { load: load(10), tally: tally(10), stock: stockOf(50, 40), runsOut: false };
    const check = orderChecks(run, placed, books(10, 10), inDatabase).find((c) => c.name === 'answered orders = PLACED orders')!;
    expect(check.ok).toBe(false);
    expect(check.detail).toContain('1 answered but not PLACED, 1 PLACED but never answered');
  });

  it('fail when an order is left PENDING or ABANDONED', () => {
    const placed = ids(5);
    const run = { load: load(5), tally: tally(5), stock: stockOf(50, 45), runsOut: false };
    expect(failed(orderChecks(run, placed, books(5, 5, { unfinishedOrders: 2 }), placed))).toEqual(['no order left PENDING or ABANDONED']);
  });

  it('fail when the order-runs-out scenario ended with stock left, naming its flag', () => {
    const placed = ids(5);
    const run = { load: load(5), tally: tally(5), stock: stockOf(10, 5), runsOut: true };
    const check = orderChecks(run, placed, books(5, 5), placed).find((c) => c.name === 'stock ran out, then OUT_OF_STOCK')!;
    expect(check.ok).toBe(false);
    expect(check.detail).toContain('--order-runs-out-stock');
  });
});
