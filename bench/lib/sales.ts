import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { staffAuthorization } from './auth';

/** Stock the products sold in the bench start with: far from zero and from the low-stock threshold. */
export const BENCH_STOCK = 1_000_000;
const SALE_TIMEOUT_MS = 10_000;

export const SELL_PRODUCT = 'mutation ($id: ID!) { sellProduct(id: $id, quantity: 1) { id stock } }';

export interface StockState {
  stock: number;
  version: number;
}

/**
 * The products the bench sells, read and written straight in Postgres (the bench owns this
 * database): their stock is raised so no sale runs out and none triggers a low-stock alert.
 */
export class SaleProducts {
  private constructor(
    private readonly client: Client,
    readonly ids: readonly string[],
  ) {}

  static async open(databaseUrl: string, count: number): Promise<SaleProducts> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'bodega-bench-subscriptions' });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>('SELECT id FROM products.products ORDER BY id LIMIT $1', [count]);
      if (rows.length < count) throw new Error(`The bench database has ${rows.length} products; ${count} are needed.`);
      const ids = rows.map((row) => row.id);
      await client.query('UPDATE products.products SET stock = $1, low_stock_threshold = 10 WHERE id = ANY($2::uuid[])', [BENCH_STOCK, ids]);
      return new SaleProducts(client, ids);
    } catch (error) {
      await client.end();
      throw error;
    }
  }

  /** Stock and stock version of the first `count` products, as committed. */
  async state(count: number): Promise<StockState[]> {
    const ids = this.ids.slice(0, count);
    const { rows } = await this.client.query<{ id: string; stock: number; stock_version: number }>(
      'SELECT id, stock, stock_version FROM products.products WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, { stock: row.stock, version: row.stock_version }]));
    return ids.map((id) => {
      const state = byId.get(id);
      if (!state) throw new Error(`Product ${id} vanished from the bench database.`);
      return state;
    });
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

export interface Sale {
  /** performance.now() right before the request was sent. */
  startedAt: number;
  /** performance.now() once the whole response was read. */
  respondedAt: number;
  /** Stock in the mutation's answer: the row the sale changed. */
  stock: number;
}

/** One `sellProduct(quantity: 1)` over HTTP; fails on anything but a clean answer for that product. */
export async function sellOne(url: string, productId: string): Promise<Sale> {
  const startedAt = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: await staffAuthorization() },
    body: JSON.stringify({ query: SELL_PRODUCT, variables: { id: productId } }),
    signal: AbortSignal.timeout(SALE_TIMEOUT_MS),
  });
  const text = await response.text();
  const respondedAt = performance.now();
  const sold = soldStock(text, productId);
  if (response.status !== 200 || sold === undefined) {
    throw new Error(`sellProduct(${productId}) failed: HTTP ${response.status} ${text.slice(0, 300)}`);
  }
  return { startedAt, respondedAt, stock: sold };
}

function soldStock(text: string, productId: string): number | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(body) || 'errors' in body || !isRecord(body.data)) return undefined;
  const sold = body.data.sellProduct;
  if (!isRecord(sold) || sold.id !== productId || typeof sold.stock !== 'number') return undefined;
  return sold.stock;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
