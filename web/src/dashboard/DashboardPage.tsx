import { useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { useNow } from '../auth/SessionProvider';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql } from '../graphql/generated';
import { OrderEventsSubscription } from '../orders/documents';
import { ORDER_LIST_CONTEXT, PRODUCT_LIST_CONTEXT } from '../graphql/list-context';
import { StockFeedSubscription } from '../products/documents';
import { foldStockChange, type LiveStock } from '../products/live-stock';
import { record, series, type MinuteBuckets } from './sales-per-minute';
import { SalesChart } from './SalesChart';
import { StockChart, type StockLevel } from './StockChart';

// There is no ordering by stock: the lowest are among the low-stock products and the newest 100.
// Two queries, because together they pass the gateway's cost limit.
const StockLevelsQuery = graphql(`
  query StockLevels($filter: ProductFilter) {
    products(first: 100, filter: $filter) {
      edges {
        node {
          id
          name
          stock
          lowStockThreshold
        }
      }
    }
  }
`);

const RecentOrdersQuery = graphql(`
  query RecentOrders {
    orders(first: 100) {
      edges {
        node {
          id
          createdAt
          status
          items {
            quantity
          }
        }
      }
    }
  }
`);

const MINUTES = 15;
const LOWEST = 8;

interface DashboardFeed {
  stock: Map<string, LiveStock>;
  names: Map<string, { name: string; threshold: number }>;
  sales: MinuteBuckets;
}

/** Staff: sales per minute and the lowest stock levels, both moving with the live feeds. */
export function DashboardPage() {
  const now = useNow(5000);
  const [opened] = useState(() => Date.now());
  const [lowLevels] = useQuery({ query: StockLevelsQuery, variables: { filter: { lowStock: true } }, context: PRODUCT_LIST_CONTEXT });
  const [recentLevels] = useQuery({ query: StockLevelsQuery, variables: {}, context: PRODUCT_LIST_CONTEXT });
  const [recentOrders] = useQuery({ query: RecentOrdersQuery, context: ORDER_LIST_CONTEXT });

  // Units leave stock through simulated sales (SALE) and orders (ORDER); cancellations bring them back.
  const [stockFeed] = useSubscription(
    { query: StockFeedSubscription },
    (previous: DashboardFeed = { stock: new Map(), names: new Map(), sales: new Map() }, data): DashboardFeed => {
      const change = data.stockChanged;
      const sold = change.reason === 'SALE' || change.reason === 'ORDER' || change.reason === 'CANCEL' ? -change.delta : 0;
      return {
        stock: foldStockChange(previous.stock, change),
        names: new Map(previous.names).set(change.product.id, { name: change.product.name, threshold: change.product.lowStockThreshold }),
        sales: sold ? record(previous.sales, change.occurredAt, { units: sold }) : previous.sales,
      };
    },
  );
  const [orderFeed] = useSubscription({ query: OrderEventsSubscription }, (previous: MinuteBuckets = new Map(), data) =>
    data.orderEvent.type === 'PLACED' ? record(previous, data.orderEvent.occurredAt, { orders: 1 }) : previous,
  );

  // Orders placed before the page opened seed the chart (their units and count); what happens after comes from the feeds.
  let sales: MinuteBuckets = new Map();
  for (const { node } of recentOrders.data?.orders.edges ?? []) {
    if (Date.parse(node.createdAt) >= opened || now - Date.parse(node.createdAt) > MINUTES * 60_000) continue;
    sales = record(sales, node.createdAt, { orders: 1, units: node.status === 'CANCELLED' ? 0 : node.items.reduce((sum, item) => sum + item.quantity, 0) });
  }
  for (const [minute, bucket] of stockFeed.data?.sales ?? []) sales = record(sales, new Date(minute).toISOString(), { units: bucket.units });
  for (const [minute, bucket] of orderFeed.data ?? []) sales = record(sales, new Date(minute).toISOString(), { orders: bucket.orders });

  const products = new Map<string, StockLevel>();
  for (const { node } of [...(lowLevels.data?.products.edges ?? []), ...(recentLevels.data?.products.edges ?? [])]) {
    products.set(node.id, { id: node.id, name: node.name, stock: node.stock, threshold: node.lowStockThreshold });
  }
  for (const [id, live] of stockFeed.data?.stock ?? []) {
    const known = products.get(id) ?? { id, name: stockFeed.data?.names.get(id)?.name ?? id, threshold: stockFeed.data?.names.get(id)?.threshold ?? 0, stock: live.stock };
    products.set(id, { ...known, stock: live.stock });
  }
  const lowest = [...products.values()].sort((a, b) => a.stock - b.stock || a.name.localeCompare(b.name)).slice(0, LOWEST);

  return (
    <div className="page dashboard">
      <h1>Dashboard</h1>
      <ErrorMessage error={stockFeed.error} title="The live stock feed stopped" />
      <ErrorMessage error={orderFeed.error} title="The live order feed stopped" />
      <ErrorMessage error={recentOrders.error} title="Could not load recent orders" />
      <ErrorMessage error={lowLevels.error ?? recentLevels.error} title="Could not load stock levels" />
      <div className="columns">
        <section className="card" aria-labelledby="sales-title">
          <h2 id="sales-title">Sales per minute</h2>
          <SalesChart points={series(sales, now, MINUTES)} />
        </section>
        <section className="card" aria-labelledby="stock-title">
          <h2 id="stock-title">Lowest stock</h2>
          {!lowLevels.data && !recentLevels.data && (lowLevels.fetching || recentLevels.fetching) ? <Progress label="Loading stock levels…" /> : <StockChart levels={lowest} />}
        </section>
      </div>
    </div>
  );
}
