import { postSignedGraphQL, type InternalSigner } from '@bodega/auth';
import { ErrorCode, serviceUnavailable } from '@bodega/errors';
import type { Logger } from '@bodega/logger';
import { GraphQLError } from 'graphql';

export interface ReservedItem {
  productId: string;
  quantity: number;
  unitPrice: { amount: string; currencyCode: string };
}

export interface Reservation {
  orderId: string;
  /** RELEASED: the order's stock is back (or was never taken) and the order id can take none. */
  status: 'RESERVED' | 'RELEASED';
  items: ReservedItem[];
}

/** The products subgraph's internal reserve/release, idempotent by order id. */
export interface StockClient {
  /** Every item or none; the products subgraph's OUT_OF_STOCK / NOT_FOUND / BAD_USER_INPUT come back as is. */
  reserve(orderId: string, items: ReadonlyArray<{ productId: string; quantity: number }>, requestId?: string): Promise<Reservation>;
  release(orderId: string, requestId?: string): Promise<Reservation>;
}

/**
 * Thrown when the outcome is unknown (unreachable, timed out, 5xx): the stock may or may not
 * have been taken, so the caller must release by order id before giving up on the order.
 */
export class StockUnavailableError extends Error {
  override name = 'StockUnavailableError';
}

const RESERVATION = 'orderId status items { productId quantity unitPrice { amount currencyCode } }';
const RESERVE = `mutation Reserve($orderId: ID!, $items: [StockItemInput!]!) { reserveStock(orderId: $orderId, items: $items) { ${RESERVATION} } }`;
const RELEASE = `mutation Release($orderId: ID!) { releaseStock(orderId: $orderId) { ${RESERVATION} } }`;
/** Errors from products that are the customer's to fix; everything else means "try later". */
const PASSED_THROUGH = new Set<string>([ErrorCode.OutOfStock, ErrorCode.NotFound, ErrorCode.BadUserInput]);

export interface StockClientOptions {
  /** The products subgraph's GraphQL URL. */
  url: string;
  /** Signs the calls as this service (`orders`): products answers reserve/release only to a service. */
  signer: InternalSigner;
  log: Logger;
  /** Per call. Default: 5000 ms. */
  timeoutMs?: number;
}

export function createStockClient({ url, signer, log, timeoutMs = 5000 }: StockClientOptions): StockClient {
  async function call<T>(query: string, variables: Record<string, unknown>, field: string, requestId?: string): Promise<T> {
    let response: Response;
    try {
      response = await postSignedGraphQL(url, signer, { query, variables, requestId, timeoutMs });
    } catch (error) {
      throw new StockUnavailableError(`products subgraph unreachable: ${(error as Error).message}`, { cause: error });
    }
    const body = (await response.json().catch(() => null)) as {
      data?: Record<string, T> | null;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    } | null;
    const error = body?.errors?.[0];
    if (error && typeof error.extensions?.code === 'string' && PASSED_THROUGH.has(error.extensions.code)) {
      const { code, productId, available, requested, field: path, id, entity } = error.extensions;
      const extensions = Object.fromEntries(
        Object.entries({ code, productId, available, requested, field: path, id, entity }).filter(([, value]) => value !== undefined),
      );
      throw new GraphQLError(error.message, { extensions });
    }
    const data = body?.data?.[field];
    if (!response.ok || error || !data) {
      if (error) log.error({ status: response.status, error }, 'products subgraph refused a stock call');
      throw new StockUnavailableError(`products subgraph answered ${response.status}${error ? `: ${error.message}` : ''}`);
    }
    return data;
  }

  return {
    reserve: (orderId, items, requestId) => call<Reservation>(RESERVE, { orderId, items }, 'reserveStock', requestId),
    release: (orderId, requestId) => call<Reservation>(RELEASE, { orderId }, 'releaseStock', requestId),
  };
}

/** What the customer sees when the stock service could not be reached. */
export function stockServiceDown() {
  return serviceUnavailable('The stock service did not answer, so no order was placed and nothing was charged to stock. Try again.');
}
