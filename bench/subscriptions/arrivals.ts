import type { StockState } from '../lib/sales';

/** One timed sale, as the bench sent it. */
export interface TimedSale {
  /** Index of the product sold (subscriber i watches product i % distinct). */
  product: number;
  /** This product's k-th timed sale, from 1: its event carries version base + k. */
  k: number;
  startedAt: number;
  respondedAt: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
  min: number;
}

export interface FanOutResult {
  /** (sale, subscriber) pairs that should have arrived: each sale × the subscribers of its product. */
  expected: number;
  received: number;
  /** Subscribers that received every timed event of their product. */
  completeSubscribers: number;
  subscribers: number;
  /**
   * Commit → next: arrival (wall clock, sub-ms) minus the event's `occurredAt`, which the subgraph
   * stamps right after the UPDATE returns. `occurredAt` has whole milliseconds, so up to 1 ms high.
   */
  fromCommitMs: Percentiles;
  /** Arrival minus the moment the bench sent the mutation: an upper bound on commit → next. */
  fromRequestMs: Percentiles;
  /** Arrival minus the moment the mutation's HTTP response was read; negative when the event won the race. */
  fromResponseMs: Percentiles;
  /** Mutation round trip (request sent → response read). */
  mutationMs: Percentiles;
  /** Per sale: last subscriber's arrival minus the first's, i.e. how long writing to every subscriber took. */
  spreadMs: Percentiles;
}

/** What arrived that should not have. */
export interface ArrivalProblems {
  graphqlErrors: number;
  /** An event for another product than the subscriber asked for. */
  wrongProduct: number;
  /** The same version twice on one subscription. */
  duplicates: number;
  /** A `next` without the fields the bench reads. */
  malformed: number;
}

const NONE: Percentiles = { p50: Number.NaN, p99: Number.NaN, max: Number.NaN, min: Number.NaN };

/**
 * Records every `next` the subscribers get: the newest version per subscriber (to tell when all
 * are live) and, inside a timed window, when each (sale, subscriber) pair arrived. Typed arrays
 * rather than objects keep 10,000 × 50 arrivals cheap for the load generator.
 */
export class ArrivalRecorder {
  readonly problems: ArrivalProblems = { graphqlErrors: 0, wrongProduct: 0, duplicates: 0, malformed: 0 };
  private readonly lastSeen: Int32Array;
  private window?: {
    baseVersion: Int32Array;
    salesPerSubscriber: number;
    /** performance.now() of arrival, subscriber-major: [subscriber * salesPerSubscriber + k - 1]. */
    arrivals: Float64Array;
    /** Event's occurredAt in epoch ms, per [product * salesPerSubscriber + k - 1]. */
    occurredAt: Float64Array;
  };

  constructor(
    readonly subscribers: number,
    readonly productIds: readonly string[],
  ) {
    this.lastSeen = new Int32Array(subscribers).fill(-1);
  }

  get distinct(): number {
    return this.productIds.length;
  }

  productOf(subscriber: number): number {
    return subscriber % this.productIds.length;
  }

  /** How many subscribers have not yet seen `versions[product]` (or later) for their product. */
  behind(versions: readonly number[]): number {
    let count = 0;
    for (let subscriber = 0; subscriber < this.subscribers; subscriber++) {
      if (this.lastSeen[subscriber]! < versions[this.productOf(subscriber)]!) count++;
    }
    return count;
  }

  /** From now on, versions base + 1 … base + salesPerProduct are timed. */
  startWindow(base: readonly StockState[], salesPerProduct: number): void {
    this.window = {
      baseVersion: Int32Array.from(base, (state) => state.version),
      salesPerSubscriber: salesPerProduct,
      arrivals: new Float64Array(this.subscribers * salesPerProduct).fill(Number.NaN),
      occurredAt: new Float64Array(this.distinct * salesPerProduct).fill(Number.NaN),
    };
  }

  /** SubscriberPool's onNext. */
  record = (subscriber: number, arrivedAt: number, payload: unknown): void => {
    const change = stockChangeOf(payload);
    if (change === 'errors') {
      this.problems.graphqlErrors++;
      return;
    }
    if (!change) {
      this.problems.malformed++;
      return;
    }
    const product = this.productOf(subscriber);
    if (change.productId !== this.productIds[product]) {
      this.problems.wrongProduct++;
      return;
    }
    if (change.version > this.lastSeen[subscriber]!) this.lastSeen[subscriber] = change.version;
    const window = this.window;
    if (!window) return;
    const k = change.version - window.baseVersion[product]!;
    if (k < 1 || k > window.salesPerSubscriber) return; // the untimed confirmation, or a sale from elsewhere
    const slot = subscriber * window.salesPerSubscriber + k - 1;
    if (!Number.isNaN(window.arrivals[slot]!)) {
      this.problems.duplicates++;
      return;
    }
    window.arrivals[slot] = arrivedAt;
    const eventSlot = product * window.salesPerSubscriber + k - 1;
    if (Number.isNaN(window.occurredAt[eventSlot]!)) window.occurredAt[eventSlot] = Date.parse(change.occurredAt);
  };

  /** How many timed (sale, subscriber) pairs have arrived so far. */
  receivedCount(): number {
    if (!this.window) return 0;
    let received = 0;
    for (const at of this.window.arrivals) if (!Number.isNaN(at)) received++;
    return received;
  }

  /**
   * Latencies of the timed window. `wallOffsetMs` turns performance.now() into epoch ms
   * (Date.now() − performance.now(), taken precisely), to compare with `occurredAt`.
   */
  analyse(sales: readonly TimedSale[], wallOffsetMs: number): FanOutResult {
    const window = this.window;
    if (!window) throw new Error('analyse() before startWindow()');
    const perSale = window.salesPerSubscriber;
    const subscribersOf: number[][] = Array.from({ length: this.distinct }, () => []);
    for (let subscriber = 0; subscriber < this.subscribers; subscriber++) subscribersOf[this.productOf(subscriber)]!.push(subscriber);

    const expected = sales.reduce((sum, sale) => sum + subscribersOf[sale.product]!.length, 0);
    const fromCommit = new Float64Array(expected);
    const fromRequest = new Float64Array(expected);
    const fromResponse = new Float64Array(expected);
    const spread: number[] = [];
    let received = 0;
    for (const sale of sales) {
      const occurredAt = window.occurredAt[sale.product * perSale + sale.k - 1]!;
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      for (const subscriber of subscribersOf[sale.product]!) {
        const at = window.arrivals[subscriber * perSale + sale.k - 1]!;
        if (Number.isNaN(at)) continue;
        fromCommit[received] = at + wallOffsetMs - occurredAt;
        fromRequest[received] = at - sale.startedAt;
        fromResponse[received] = at - sale.respondedAt;
        received++;
        first = Math.min(first, at);
        last = Math.max(last, at);
      }
      if (last >= first) spread.push(last - first);
    }

    // A subscriber is complete when every sale of its product reached it.
    const salesOf = new Int32Array(this.distinct);
    for (const sale of sales) salesOf[sale.product]!++;
    let completeSubscribers = 0;
    for (let subscriber = 0; subscriber < this.subscribers; subscriber++) {
      const wanted = salesOf[this.productOf(subscriber)]!;
      let got = 0;
      for (let k = 0; k < wanted; k++) if (!Number.isNaN(window.arrivals[subscriber * perSale + k]!)) got++;
      if (got === wanted) completeSubscribers++;
    }

    return {
      expected,
      received,
      completeSubscribers,
      subscribers: this.subscribers,
      fromCommitMs: percentiles(fromCommit.subarray(0, received)),
      fromRequestMs: percentiles(fromRequest.subarray(0, received)),
      fromResponseMs: percentiles(fromResponse.subarray(0, received)),
      mutationMs: percentiles(Float64Array.from(sales, (sale) => sale.respondedAt - sale.startedAt)),
      spreadMs: percentiles(Float64Array.from(spread)),
    };
  }
}

/** Nearest-rank percentiles. */
export function percentiles(values: Float64Array): Percentiles {
  if (values.length === 0) return NONE;
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]!, min: sorted[0]! };
}

interface StockChangeFields {
  productId: string;
  version: number;
  occurredAt: string;
}

function stockChangeOf(payload: unknown): StockChangeFields | 'errors' | undefined {
  if (!isRecord(payload)) return undefined;
  if (Array.isArray(payload.errors) && payload.errors.length > 0) return 'errors';
  const data = payload.data;
  if (!isRecord(data) || !isRecord(data.stockChanged)) return undefined;
  const { version, occurredAt, product } = data.stockChanged;
  if (typeof version !== 'number' || typeof occurredAt !== 'string' || !isRecord(product) || typeof product.id !== 'string') return undefined;
  return { productId: product.id, version, occurredAt };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
