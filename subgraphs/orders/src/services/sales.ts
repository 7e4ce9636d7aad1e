import { Prisma, type PrismaClient } from '@bodega/db';
import { SOLD_STATUSES } from './statuses';

export interface SalesModel {
  unitsSold: number;
  revenue: { amount: string; currencyCode: string };
}

/**
 * Units and revenue per product over orders that keep their stock (not cancelled), one query
 * for every product in the request. A product sold in two currencies reports the one it sold
 * most units in (prices of one shop share a currency; see README).
 */
export async function salesOf(prisma: PrismaClient, productIds: readonly string[], shopCurrency: string): Promise<SalesModel[]> {
  const rows = await prisma.$queryRaw<Array<{ product_id: string; currency: string; units: bigint; revenue: Prisma.Decimal }>>`
    SELECT i.product_id, o.currency, sum(i.quantity) AS units, sum(i.quantity * i.unit_price_amount) AS revenue
    FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id
    WHERE i.product_id = ANY(${[...productIds]}::uuid[])
      AND o.status IN (${Prisma.join(SOLD_STATUSES.map((status) => Prisma.sql`${status}::orders.order_status`))})
    GROUP BY i.product_id, o.currency
    ORDER BY units DESC`;
  const byProduct = new Map<string, SalesModel>();
  for (const row of rows) {
    if (byProduct.has(row.product_id)) continue;
    byProduct.set(row.product_id, {
      unitsSold: Number(row.units),
      revenue: { amount: new Prisma.Decimal(row.revenue).toFixed(2), currencyCode: row.currency },
    });
  }
  return productIds.map((id) => byProduct.get(id) ?? { unitsSold: 0, revenue: { amount: '0.00', currencyCode: shopCurrency } });
}
