// Holds a product's row lock from outside the services, so orders for it wait inside reserveStock:
// requests genuinely in flight, half done, for as long as a test needs.
import { Client } from 'pg';
import { sleep } from './wait';

export interface ProductLock {
  /** Commits the locking transaction: the waiting orders go on. */
  release(): Promise<void>;
  /** Resolves once at least one order is PENDING (inserted, waiting for its stock). */
  untilAnOrderWaits(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Locks one product's row, or several (orders for different products then go on at once on release). */
export async function lockProduct(databaseUrl: string, productId: string | string[]): Promise<ProductLock> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM products.products WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [[productId].flat()]);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('COMMIT');
    },
    untilAnOrderWaits: async (timeoutMs = 20_000) => {
      // Read committed: each count sees the orders other connections inserted meanwhile.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM orders.orders WHERE status = 'PENDING'`);
        if (Number(rows[0]!.n) > 0) return;
        if (Date.now() > deadline) throw new Error(`no order reached reserveStock within ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    close: () => client.end(),
  };
}
