import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { useNow } from '../auth/SessionProvider';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql } from '../graphql/generated';
import type { SalesRange } from '../graphql/generated/graphql';
import { PRODUCT_LIST_CONTEXT } from '../graphql/list-context';
import { StockFeedSubscription } from '../products/documents';
import { foldStockChange, type LiveStock } from '../products/live-stock';
import { KpiTiles } from './KpiTiles';
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

export const SalesSummaryQuery = graphql(`
  query SalesSummary($range: SalesRange!) {
    salesSummary(range: $range) {
      range
      from
      to
      current {
        revenue {
          amount
          currencyCode
        }
        orders
        averageOrderValue {
          amount
          currencyCode
        }
        units
      }
      previous {
        revenue {
          amount
          currencyCode
        }
        orders
        averageOrderValue {
          amount
          currencyCode
        }
        units
      }
      buckets {
        start
        orders
        units
      }
    }
  }
`);

/** Only that something happened to an order: the figures are asked for again, never counted here. */
const OrderActivitySubscription = graphql(`
  subscription OrderActivity {
    orderEvent {
      type
      occurredAt
    }
  }
`);

export const RANGES: Array<{ value: SalesRange; label: string; bucket: string; span: string }> = [
  { value: 'LAST_15_MINUTES', label: '15 minutes', bucket: 'minute', span: '15 minutes' },
  { value: 'LAST_24_HOURS', label: '24 hours', bucket: 'hour', span: '24 hours' },
  { value: 'LAST_7_DAYS', label: '7 days', bucket: 'day', span: '7 days' },
];

const LOWEST = 8;

function bucketLabel(start: string, range: SalesRange): string {
  const date = new Date(start);
  if (range === 'LAST_7_DAYS') return date.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric' });
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/**
 * Staff: sales over a chosen range from the server's aggregates (a reload shows what live showed),
 * asked for again whenever an order changes or the range's last bucket ends, and the lowest stock.
 */
export function DashboardPage() {
  const [range, setRange] = useState<SalesRange>('LAST_15_MINUTES');
  const chosen = RANGES.find((candidate) => candidate.value === range)!;
  const now = useNow(5000);
  const [summary, refetchSummary] = useQuery({ query: SalesSummaryQuery, variables: { range }, requestPolicy: 'cache-and-network' });
  const [lowLevels] = useQuery({ query: StockLevelsQuery, variables: { filter: { lowStock: true } }, context: PRODUCT_LIST_CONTEXT });
  const [recentLevels] = useQuery({ query: StockLevelsQuery, variables: {}, context: PRODUCT_LIST_CONTEXT });

  const [orderActivity] = useSubscription({ query: OrderActivitySubscription }, (count: number = 0) => count + 1);
  const [stockFeed] = useSubscription({ query: StockFeedSubscription }, (previous: { stock: Map<string, LiveStock>; names: Map<string, { name: string; threshold: number }> } = { stock: new Map(), names: new Map() }, data) => ({
    stock: foldStockChange(previous.stock, data.stockChanged),
    names: new Map(previous.names).set(data.stockChanged.product.id, { name: data.stockChanged.product.name, threshold: data.stockChanged.product.lowStockThreshold }),
  }));

  useEffect(() => {
    if (orderActivity.data) refetchSummary({ requestPolicy: 'network-only' });
  }, [orderActivity.data, refetchSummary]);
  const to = summary.data ? Date.parse(summary.data.salesSummary.to) : Number.POSITIVE_INFINITY;
  const rolledOver = now >= to;
  useEffect(() => {
    if (rolledOver) refetchSummary({ requestPolicy: 'network-only' });
  }, [rolledOver, refetchSummary]);

  const products = new Map<string, StockLevel>();
  for (const { node } of [...(lowLevels.data?.products.edges ?? []), ...(recentLevels.data?.products.edges ?? [])]) {
    products.set(node.id, { id: node.id, name: node.name, stock: node.stock, threshold: node.lowStockThreshold });
  }
  for (const [id, live] of stockFeed.data?.stock ?? []) {
    const named = stockFeed.data?.names.get(id);
    const known = products.get(id) ?? { id, name: named?.name ?? id, threshold: named?.threshold ?? 0, stock: live.stock };
    products.set(id, { ...known, stock: live.stock });
  }
  const lowest = [...products.values()].sort((a, b) => a.stock - b.stock || a.name.localeCompare(b.name)).slice(0, LOWEST);
  const figures = summary.data?.salesSummary;
  const points = (figures?.buckets ?? []).map((bucket) => ({ label: bucketLabel(bucket.start, range), units: bucket.units, orders: bucket.orders }));

  return (
    <div className="page dashboard">
      <h1>Dashboard</h1>
      <fieldset className="range-picker">
        <legend>Range</legend>
        {RANGES.map((option) => (
          <label key={option.value}>
            <input type="radio" name="range" value={option.value} checked={range === option.value} onChange={() => setRange(option.value)} />
            {option.label}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={summary.error} title="Could not load sales figures" />
      <ErrorMessage error={orderActivity.error} title="The live order feed stopped" />
      <ErrorMessage error={stockFeed.error} title="The live stock feed stopped" />
      <ErrorMessage error={lowLevels.error ?? recentLevels.error} title="Could not load stock levels" />
      {figures ? <KpiTiles current={figures.current} previous={figures.previous} periodLabel={chosen.label} /> : summary.fetching && <Progress label="Loading sales figures…" />}
      <div className="columns">
        <section className="card" aria-labelledby="sales-title">
          <h2 id="sales-title">Sales per {chosen.bucket}</h2>
          <SalesChart points={points} bucket={chosen.bucket} span={chosen.span} />
        </section>
        <section className="card" aria-labelledby="stock-title">
          <h2 id="stock-title">Lowest stock</h2>
          {!lowLevels.data && !recentLevels.data && (lowLevels.fetching || recentLevels.fetching) ? <Progress label="Loading stock levels…" /> : <StockChart levels={lowest} />}
        </section>
      </div>
    </div>
  );
}
