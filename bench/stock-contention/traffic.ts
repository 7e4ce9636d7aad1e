import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { NextRequest } from './load';
import { contractOperation } from '../lib/contract';

/** How the answers of one run sorted out. Answers with a non-2xx status are only counted by the load (non2xx). */
export interface AnswerTally {
  /** Clean answers: a sale with its new stock, or a PLACED order with every field asked for. */
  succeeded: number;
  /** GraphQL errors whose first code is OUT_OF_STOCK. */
  outOfStock: number;
  /** Other GraphQL errors, by `extensions.code`. */
  otherErrors: Record<string, number>;
  /** 2xx answers that are neither a clean answer nor GraphQL errors. */
  malformed: number;
  /** The first message seen for each error code, `HTTP <status>` and `malformed`. */
  examples: Record<string, string>;
  /** performance.now() at the last clean answer: when the stock ran out, in a run where it did. */
  lastSuccessAt: number;
}

export interface Traffic {
  nextRequest(): NextRequest;
  onAnswer(status: number, body: string, tag: string | undefined): void;
  tally: AnswerTally;
}

export interface SellTraffic extends Traffic {
  /** The stock each clean answer reported, in the order the answers came. */
  stocks: number[];
}

export interface OrderTraffic extends Traffic {
  /** The ids of the orders the answers reported PLACED. */
  placedIds: string[];
}

interface Answer {
  data?: unknown;
  errors?: unknown;
}

const SELL_PRODUCT = 'SellProduct';
const PLACE_ORDER = 'PlaceOrder';

/** The contract's SellProduct, quantity 1, for one product, as STAFF. */
export function sellTraffic(productId: string, authorization: string): SellTraffic {
  const body = JSON.stringify({ operationName: SELL_PRODUCT, query: contractOperation(SELL_PRODUCT), variables: { id: productId, quantity: 1 } });
  const stocks: number[] = [];
  const tally = emptyTally();
  return {
    tally,
    stocks,
    nextRequest: () => ({ body, headers: { authorization } }),
    onAnswer: (status, text) => {
      const answer = parseAnswer(status, text, tally);
      if (!answer) return;
      const sold = field(answer.data, 'sellProduct');
      const stock = field(sold, 'stock');
      if (answer.errors === undefined && field(sold, 'id') === productId && Number.isInteger(stock) && (stock as number) >= 0) {
        succeeded(tally);
        stocks.push(stock as number);
      } else malformed(tally, text);
    },
  };
}

/**
 * The contract's PlaceOrder, quantity 1 of one product, each request from the next customer
 * in turn and with its own idempotency key, so every request is a new order.
 */
export function orderTraffic(productId: string, customers: ReadonlyArray<{ id: string; email: string }>, authorizations: readonly string[]): OrderTraffic {
  const query = contractOperation(PLACE_ORDER);
  // Unique across runs too: a key reused by the same customer would replay that customer's order.
  const run = randomUUID();
  let sent = 0;
  const placedIds: string[] = [];
  const tally = emptyTally();
  return {
    tally,
    placedIds,
    nextRequest: () => {
      const index = sent % customers.length;
      const input = { items: [{ productId, quantity: 1 }], idempotencyKey: `${run}-${sent++}` };
      return {
        body: JSON.stringify({ operationName: PLACE_ORDER, query, variables: { input } }),
        headers: { authorization: authorizations[index]! },
        tag: String(index),
      };
    },
    onAnswer: (status, text, tag) => {
      const answer = parseAnswer(status, text, tally);
      if (!answer) return;
      const order = field(answer.data, 'placeOrder');
      const id = field(order, 'id');
      const customer = customers[Number(tag)];
      if (answer.errors === undefined && typeof id === 'string' && customer && isPlacedOrder(order, productId, customer)) {
        succeeded(tally);
        placedIds.push(id);
      } else malformed(tally, text);
    },
  };
}

function isPlacedOrder(order: unknown, productId: string, customer: { id: string; email: string }): boolean {
  const items = field(order, 'items');
  const item: unknown = Array.isArray(items) && items.length === 1 ? items[0] : undefined;
  const product = field(item, 'product');
  const total = field(order, 'total');
  return (
    field(order, 'status') === 'PLACED' &&
    typeof field(total, 'amount') === 'string' &&
    typeof field(total, 'currencyCode') === 'string' &&
    field(item, 'quantity') === 1 &&
    field(product, 'id') === productId &&
    typeof field(product, 'name') === 'string' &&
    typeof field(product, 'stock') === 'number' &&
    field(field(order, 'customer'), 'id') === customer.id &&
    field(field(order, 'customer'), 'email') === customer.email
  );
}

/** The answer's JSON when it is a 2xx answer without GraphQL errors; otherwise tallies it and returns undefined. */
function parseAnswer(status: number, text: string, tally: AnswerTally): Answer | undefined {
  if (status < 200 || status >= 300) {
    tally.examples[`HTTP ${status}`] ??= text.slice(0, 300);
    return undefined;
  }
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    malformed(tally, text);
    return undefined;
  }
  if (typeof answer !== 'object' || answer === null) {
    malformed(tally, text);
    return undefined;
  }
  const errors = (answer as Answer).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const code = field(field(errors[0], 'extensions'), 'code');
    const name = typeof code === 'string' ? code : 'NO_CODE';
    if (name === 'OUT_OF_STOCK') tally.outOfStock++;
    else tally.otherErrors[name] = (tally.otherErrors[name] ?? 0) + 1;
    const message = field(errors[0], 'message');
    tally.examples[name] ??= typeof message === 'string' ? message : text.slice(0, 300);
    return undefined;
  }
  return answer as Answer;
}

function emptyTally(): AnswerTally {
  return { succeeded: 0, outOfStock: 0, otherErrors: {}, malformed: 0, examples: {}, lastSuccessAt: 0 };
}

function succeeded(tally: AnswerTally): void {
  tally.succeeded++;
  tally.lastSuccessAt = performance.now();
}

function malformed(tally: AnswerTally, text: string): void {
  tally.malformed++;
  tally.examples.malformed ??= text.slice(0, 300);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}
