import type { ExactLoadResult } from './load';
import type { OrderBooks } from './ledger';
import type { AnswerTally } from './traffic';

/** One thing the run must have got right; a failed check fails the run. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The product's stock before and after the measured run, as committed. */
export interface StockMovement {
  initial: number;
  final: number;
  /** initial − final. */
  taken: number;
  /** How many committed stock changes the product saw (stock_version). */
  changes: number;
}

interface Run {
  load: ExactLoadResult;
  tally: AnswerTally;
  stock: StockMovement;
  runsOut: boolean;
}

/** What every scenario must get right, sales and orders alike. */
function commonChecks({ load, tally, stock, runsOut }: Run, what: string, flag: string): Check[] {
  const otherErrors = Object.values(tally.otherErrors).reduce((sum, n) => sum + n, 0);
  const checks: Check[] = [
    {
      name: 'every request answered',
      ok: load.unanswered === 0 && load.errors === 0,
      detail: `${load.unanswered} of ${load.sent} unanswered; ${load.timeouts} timeouts, ${load.errors - load.timeouts} connection errors`,
    },
    { name: 'no non-2xx answer', ok: load.non2xx === 0, detail: `HTTP statuses ${JSON.stringify(load.statusCodes)}` },
    runsOut
      ? {
          name: 'no error but OUT_OF_STOCK',
          ok: otherErrors + tally.malformed === 0,
          detail: `${otherErrors} other errors ${JSON.stringify(tally.otherErrors)}, ${tally.malformed} malformed`,
        }
      : {
          name: 'no error',
          ok: otherErrors + tally.malformed + tally.outOfStock === 0,
          detail: `${tally.outOfStock} OUT_OF_STOCK, ${otherErrors} other ${JSON.stringify(tally.otherErrors)}, ${tally.malformed} malformed`,
        },
    { name: 'stock never below zero', ok: stock.final >= 0, detail: `final stock ${stock.final}` },
    {
      // Every sale and every order takes one unit in one committed change.
      name: 'one stock change per unit taken',
      ok: stock.changes === stock.taken,
      detail: `${stock.changes} changes, ${stock.taken} units taken`,
    },
  ];
  if (runsOut) {
    checks.push({
      name: 'stock ran out, then OUT_OF_STOCK',
      ok: stock.final === 0 && tally.outOfStock > 0,
      detail:
        `final stock ${stock.final}, ${tally.outOfStock} OUT_OF_STOCK answers` +
        (stock.final > 0 ? ` (the run ${what} too slowly to empty ${stock.initial}: lower --${flag} or raise --duration)` : ''),
    });
  }
  return checks;
}

/** Zero oversell for sales: every unit taken was answered as sold, once, and nothing else was taken. */
export function sellChecks(run: Run, stocks: readonly number[]): Check[] {
  const { stock, tally } = run;
  return [
    ...commonChecks(run, 'sold', 'sell-runs-out-stock'),
    {
      name: 'answered sales = stock taken',
      ok: tally.succeeded === stock.taken,
      detail: `${tally.succeeded} answered sales, ${stock.initial} − ${stock.final} = ${stock.taken} taken`,
    },
    {
      // Each sale's answer is the stock its own UPDATE left: all different, and together every value from final to initial − 1.
      name: 'each sale saw its own stock',
      ok: isExactRange(stocks, stock.final, stock.initial - 1),
      detail: `${new Set(stocks).size} distinct stocks in ${stocks.length} answers, expected each of ${stock.final}…${stock.initial - 1} once`,
    },
  ];
}

/** Zero oversell for orders: stock taken = units in PLACED orders = units reserved, order by order, and every PLACED order was answered. */
export function orderChecks(run: Run, placedIds: readonly string[], books: OrderBooks, placedOrderIds: readonly string[]): Check[] {
  const { stock } = run;
  const answered = new Set(placedIds);
  const inDatabase = new Set(placedOrderIds);
  const onlyAnswered = [...answered].filter((id) => !inDatabase.has(id)).length;
  const onlyInDatabase = [...inDatabase].filter((id) => !answered.has(id)).length;
  return [
    ...commonChecks(run, 'placed orders', 'order-runs-out-stock'),
    {
      name: 'units in PLACED orders = stock taken',
      ok: books.placedUnits === stock.taken,
      detail: `${books.placedUnits} units in ${books.placedOrders} PLACED orders, ${stock.initial} − ${stock.final} = ${stock.taken} taken`,
    },
    {
      name: 'RESERVED units = PLACED units, order by order',
      ok: books.reservedUnits === books.placedUnits && books.reservationsWithoutOrder === 0 && books.ordersWithoutReservation === 0,
      detail:
        `${books.reservedUnits} units in ${books.reservedOrders} reservations; ${books.reservationsWithoutOrder} reservations without ` +
        `their PLACED order, ${books.ordersWithoutReservation} PLACED orders without their reservation`,
    },
    {
      name: 'answered orders = PLACED orders',
      ok: placedIds.length === answered.size && onlyAnswered === 0 && onlyInDatabase === 0,
      detail: `${placedIds.length} answered (${answered.size} distinct), ${books.placedOrders} PLACED; ${onlyAnswered} answered but not PLACED, ${onlyInDatabase} PLACED but never answered`,
    },
    { name: 'no order left PENDING or ABANDONED', ok: books.unfinishedOrders === 0, detail: `${books.unfinishedOrders} unfinished` },
  ];
}

function isExactRange(values: readonly number[], low: number, high: number): boolean {
  if (values.length !== Math.max(0, high - low + 1)) return false;
  const sorted = Float64Array.from(values).sort();
  return sorted.every((value, index) => value === low + index);
}
