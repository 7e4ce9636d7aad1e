import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager } from '../components/Pager';
import { Progress } from '../components/Progress';
import { graphql, useFragment } from '../graphql/generated';
import type { OrderStatus } from '../graphql/generated/graphql';
import { ORDER_LIST_CONTEXT } from '../graphql/list-context';
import { useCursorPages } from '../hooks/use-cursor-pages';
import { LiveOrderFragment } from './documents';
import { mergeOrders, useLiveOrders } from './live-orders';
import { OrderList } from './OrderList';
import { ORDER_STATUSES } from './order-status';

const AllOrdersQuery = graphql(`
  query AllOrders($first: Int, $after: String, $filter: OrderFilter) {
    orders(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PagerPageInfo
      }
      edges {
        node {
          ...LiveOrder
        }
      }
    }
  }
`);

const PAGE_SIZE = 20;

/** Staff: every order, newest first, live, moved along PLACED → PAID → SHIPPED → DELIVERED. */
export function OrdersPage() {
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const pages = useCursorPages(status);
  const [{ data, error, fetching }] = useQuery({
    query: AllOrdersQuery,
    variables: { first: PAGE_SIZE, after: pages.after, filter: status ? { status } : undefined },
    context: ORDER_LIST_CONTEXT,
  });
  const { live, error: liveError } = useLiveOrders();
  const listed = useFragment(LiveOrderFragment, data?.orders.edges.map((edge) => edge.node) ?? []);
  // New orders join the top of the first unfiltered page; a filtered list only updates in place.
  const orders = mergeOrders(listed, live, pages.page === 1 && !status).filter((order) => !status || order.status === status);

  return (
    <div className="page">
      <h1>Orders</h1>
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as OrderStatus | '')}>
            <option value="">All</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        {data && <span className="muted">{data.orders.totalCount} orders</span>}
      </div>
      <ErrorMessage error={error} title="Could not load orders" />
      <ErrorMessage error={liveError} title="Live order updates stopped" />
      {fetching && !data && <Progress label="Loading orders…" />}
      <OrderList orders={orders} staff loaded={!!data} />
      <Pager label="Order pages" pages={pages} pageInfo={data?.orders.pageInfo} />
    </div>
  );
}
