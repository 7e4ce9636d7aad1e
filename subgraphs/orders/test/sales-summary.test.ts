import { bearer } from '@bodega/testing/auth';
import { contractOperation, type Stack } from '@bodega/testing/stack';
import { createProduct, openShop, placeOrder, type Shopper } from '@bodega/testing/shop';

const SUMMARY = `query SalesSummary($range: SalesRange!) {
  salesSummary(range: $range) {
    range from to
    current { revenue { amount currencyCode } orders averageOrderValue { amount } units }
    previous { revenue { amount } orders averageOrderValue { amount } units }
    buckets { start orders units revenue { amount } }
  }
}`;

interface Figures {
  revenue: { amount: string; currencyCode?: string };
  orders: number;
  averageOrderValue: { amount: string };
  units: number;
}
interface Summary {
  salesSummary: {
    range: string;
    from: string;
    to: string;
    current: Figures;
    previous: Figures;
    buckets: Array<{ start: string; orders: number; units: number; revenue: { amount: string } }>;
  };
}

let stack: Stack;
let shopper: Shopper;

beforeAll(async () => {
  ({ stack, shopper } = await openShop(1719));
});
afterAll(() => stack.close());

async function summary(range: string) {
  const response = await stack.request<Summary>(SUMMARY, { range });
  if (!response.body.data) throw new Error(`salesSummary failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.salesSummary;
}

async function order(productId: string, quantity: number): Promise<{ id: string; number: number }> {
  const response = await placeOrder(stack, shopper, [{ productId, quantity }]);
  const id = response.body.data?.placeOrder.id;
  if (!id) throw new Error(`PlaceOrder failed: ${JSON.stringify(response.body.errors)}`);
  const { number } = await stack.prisma.order.findUniqueOrThrow({ where: { id }, select: { number: true } });
  return { id, number: number! };
}

describe('sales aggregates for the dashboard (salesSummary)', () => {
  it('sums revenue, orders, average order value and units over the range and the period before, leaving cancelled orders out', async () => {
    const mug = await createProduct(stack, { stock: 100, price: '12.50' });
    await order(mug.id, 2); // 25.00
    await order(mug.id, 1); // 12.50
    const cancelled = await order(mug.id, 5);
    await stack.request(contractOperation('CancelOrder'), { id: cancelled.id });
    const earlier = await order(mug.id, 4); // 50.00, moved into the previous 15 minutes
    await stack.prisma.order.update({ where: { id: earlier.id }, data: { placedAt: new Date(Date.now() - 20 * 60_000) } });

    const recent = await summary('LAST_15_MINUTES');
    expect(recent.range).toBe('LAST_15_MINUTES');
    expect(new Date(recent.to).getTime() - new Date(recent.from).getTime()).toBe(15 * 60_000);
    expect(recent.current).toEqual({ revenue: { amount: '37.50', currencyCode: 'EUR' }, orders: 2, averageOrderValue: { amount: '18.75' }, units: 3 });
    expect(recent.previous).toEqual({ revenue: { amount: '50.00' }, orders: 1, averageOrderValue: { amount: '50.00' }, units: 4 });
    expect(recent.buckets).toHaveLength(15);
    expect(recent.buckets.reduce((sum, bucket) => sum + bucket.orders, 0)).toBe(2);
    expect(recent.buckets.at(-1)).toMatchObject({ orders: 2, units: 3, revenue: { amount: '37.50' } });

    const day = await summary('LAST_24_HOURS');
    expect(day.buckets).toHaveLength(24);
    expect(day.current).toMatchObject({ orders: 3, units: 7, revenue: { amount: '87.50' } });
    expect(day.previous.orders).toBe(0);
    expect((await summary('LAST_7_DAYS')).buckets).toHaveLength(7);
  });

  it('answers the same on every read (what a reload shows is what live showed)', async () => {
    expect(await summary('LAST_24_HOURS')).toEqual(await summary('LAST_24_HOURS'));
  });

  it('is for staff only', async () => {
    const response = await stack.request(SUMMARY, { range: 'LAST_24_HOURS' }, { authorization: await bearer('CUSTOMER') });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('order numbers', () => {
  it('are consecutive: an order refused for stock takes no number', async () => {
    const scarce = await createProduct(stack, { stock: 1, price: '3.00' });
    const first = await order(scarce.id, 1);
    const refused = await placeOrder(stack, shopper, [{ productId: scarce.id, quantity: 1 }]);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('OUT_OF_STOCK');
    const plenty = await createProduct(stack, { stock: 5, price: '3.00' });
    const next = await order(plenty.id, 1);
    expect(next.number).toBe(first.number + 1);
    const numbers = await stack.prisma.order.findMany({ where: { number: { not: null } }, select: { number: true }, orderBy: { number: 'asc' } });
    expect(numbers.map((row) => row.number)).toEqual(numbers.map((_, index) => index + 1));
  });

  it('come from a counter row, not a sequence that skips values after a restart', async () => {
    const sequences = await stack.prisma.$queryRaw<Array<{ name: string }>>`
      SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'orders' AND sequencename LIKE 'orders_number%'`;
    expect(sequences).toEqual([]);
    const [counter] = await stack.prisma.$queryRaw<Array<{ last: number }>>`SELECT last_number AS last FROM orders.order_number_counter`;
    const [max] = await stack.prisma.$queryRaw<Array<{ max: number }>>`SELECT max(number) AS max FROM orders.orders`;
    expect(counter!.last).toBe(max!.max);
  });
});
