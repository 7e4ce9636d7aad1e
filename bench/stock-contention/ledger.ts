import { Client } from 'pg';

export interface StockRow {
  stock: number;
  version: number;
}

/** What the database says one order scenario did to its product. */
export interface OrderBooks {
  /** PLACED orders holding the product, and their units of it. */
  placedOrders: number;
  placedUnits: number;
  /** RESERVED reservations in the products subgraph holding the product, and their units. */
  reservedOrders: number;
  reservedUnits: number;
  /** RESERVED reservations without a PLACED order of the same id and quantity: stock taken for no order. */
  reservationsWithoutOrder: number;
  /** PLACED orders without a RESERVED reservation of the same id and quantity: an order with no stock behind it. */
  ordersWithoutReservation: number;
  /** PENDING or ABANDONED orders still holding the product: work not finished. */
  unfinishedOrders: number;
}

const POLL_MS = 100;

/**
 * Reads and sets the contended products straight in Postgres (the bench owns this database),
 * and reads the orders and reservations both subgraphs wrote, to compare with the answers.
 */
export class StockLedger {
  private constructor(private readonly client: Client) {}

  static async open(databaseUrl: string): Promise<StockLedger> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'bodega-bench-stock-ledger' });
    await client.connect();
    return new StockLedger(client);
  }

  async setStock(productId: string, stock: number): Promise<void> {
    const { rowCount } = await this.client.query('UPDATE products.products SET stock = $1 WHERE id = $2::uuid', [stock, productId]);
    if (rowCount !== 1) throw new Error(`Product ${productId} is not in the bench database.`);
  }

  async stock(productId: string): Promise<StockRow> {
    const { rows } = await this.client.query<{ stock: number; stock_version: number }>(
      'SELECT stock, stock_version FROM products.products WHERE id = $1::uuid',
      [productId],
    );
    const row = rows[0];
    if (!row) throw new Error(`Product ${productId} vanished from the bench database.`);
    return { stock: row.stock, version: row.stock_version };
  }

  /**
   * The order side and the stock side of one product, once no order of it is PENDING (or after
   * `settleMs`), and the ids of its PLACED orders.
   */
  async orderBooks(productId: string, settleMs: number): Promise<{ books: OrderBooks; placedOrderIds: string[] }> {
    const deadline = performance.now() + settleMs;
    while ((await this.unfinished(productId)) > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    // One client runs one query at a time: awaited in turn.
    const placed = await this.client.query<{ id: string; quantity: number }>(
      `SELECT o.id, i.quantity FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id
       WHERE i.product_id = $1::uuid AND o.status = 'PLACED'`,
      [productId],
    );
    const reserved = await this.client.query<{ orders: string; units: string | null }>(
      `SELECT count(*) AS orders, sum(ri.quantity) AS units
       FROM products.stock_reservation_items ri JOIN products.stock_reservations r ON r.order_id = ri.order_id
       WHERE ri.product_id = $1::uuid AND r.status = 'RESERVED'`,
      [productId],
    );
    const withoutOrder = await this.count(
      `SELECT count(*) FROM products.stock_reservation_items ri
       JOIN products.stock_reservations r ON r.order_id = ri.order_id AND r.status = 'RESERVED'
       LEFT JOIN orders.orders o ON o.id = ri.order_id AND o.status = 'PLACED'
       LEFT JOIN orders.order_items i ON i.order_id = o.id AND i.product_id = ri.product_id AND i.quantity = ri.quantity
       WHERE ri.product_id = $1::uuid AND i.order_id IS NULL`,
      productId,
    );
    const withoutReservation = await this.count(
      `SELECT count(*) FROM orders.order_items i
       JOIN orders.orders o ON o.id = i.order_id AND o.status = 'PLACED'
       LEFT JOIN products.stock_reservation_items ri ON ri.order_id = i.order_id AND ri.product_id = i.product_id AND ri.quantity = i.quantity
       LEFT JOIN products.stock_reservations r ON r.order_id = ri.order_id AND r.status = 'RESERVED'
       WHERE i.product_id = $1::uuid AND r.order_id IS NULL`,
      productId,
    );
    const unfinishedOrders = await this.unfinished(productId);
    const books: OrderBooks = {
      placedOrders: placed.rows.length,
      placedUnits: placed.rows.reduce((sum, row) => sum + row.quantity, 0),
      reservedOrders: Number(reserved.rows[0]?.orders ?? 0),
      reservedUnits: Number(reserved.rows[0]?.units ?? 0),
      reservationsWithoutOrder: withoutOrder,
      ordersWithoutReservation: withoutReservation,
      unfinishedOrders,
    };
    return { books, placedOrderIds: placed.rows.map((row) => row.id) };
  }

  close(): Promise<void> {
    return this.client.end();
  }

  private unfinished(productId: string): Promise<number> {
    return this.count(
      `SELECT count(*) FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id
       WHERE i.product_id = $1::uuid AND o.status IN ('PENDING', 'ABANDONED')`,
      productId,
    );
  }

  private async count(sql: string, productId: string): Promise<number> {
    const { rows } = await this.client.query<{ count: string }>(sql, [productId]);
    return Number(rows[0]?.count ?? 0);
  }
}
