import { Prisma, type PrismaClient } from '@bodega/db';

export interface SalesModel {
  unitsSold: number;
  revenue: { amount: string; currencyCode: string };
}

/**
 * Orders whose units count as sold. PENDING too: products announces an order's stock change
 * when it takes the stock, a moment before the order is confirmed PLACED, and that event's
 * `product.sales` must already include it. A PENDING order that is then refused never took
 * stock, so it can overcount only for the instant between the two.
 */
const COUNTED = ['PENDING', 'PLACED', 'PAID', 'SHIPPED', 'DELIVERED'] as const;

/**
 * Units and revenue per product over orders that keep their stock (not cancelled), one query
 * for every product in the request. A product sold in two currencies reports the one it sold
 * most units in (prices of one shop share a currency; see README).
 */
export async function salesOf(prisma: PrismaClient, productIds: readonly string[], shopCurrency: string): Promise<SalesModel[]> {
  const rows = await prisma.$queryRaw<Array<{ product_id: string; currency: string | null; units: bigint; revenue: Prisma.Decimal }>>`
    SELECT i.product_id, o.currency, sum(i.quantity) AS units, sum(i.quantity * coalesce(i.unit_price_amount, 0)) AS revenue
    FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id
    WHERE i.product_id = ANY(${[...productIds]}::uuid[])
      AND o.status IN (${Prisma.join(COUNTED.map((status) => Prisma.sql`${status}::orders.order_status`))})
    GROUP BY i.product_id, o.currency
    ORDER BY units DESC`;
  const byProduct = new Map<string, SalesModel>();
  for (const row of rows) {
    const sales = byProduct.get(row.product_id) ?? { unitsSold: 0, revenue: { amount: '0.00', currencyCode: '' } };
    sales.unitsSold += Number(row.units);
    // PENDING orders have no currency yet; revenue is reported in the currency with the most units.
    if (row.currency && !sales.revenue.currencyCode) {
      sales.revenue = { amount: new Prisma.Decimal(row.revenue).toFixed(2), currencyCode: row.currency };
    }
    byProduct.set(row.product_id, sales);
  }
  return productIds.map((id) => {
    const sales = byProduct.get(id) ?? { unitsSold: 0, revenue: { amount: '0.00', currencyCode: '' } };
    return sales.revenue.currencyCode ? sales : { ...sales, revenue: { amount: '0.00', currencyCode: shopCurrency } };
  });
}
