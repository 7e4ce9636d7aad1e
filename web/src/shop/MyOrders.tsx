import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql, useFragment } from '../graphql/generated';
import { ORDER_LIST_CONTEXT } from '../graphql/list-context';
import { LiveOrderFragment } from '../orders/documents';
import { mergeOrders, useLiveOrders } from '../orders/live-orders';
import { OrderList } from '../orders/OrderList';

const MyOrdersQuery = graphql(`
  query MyOrders($first: Int) {
    orders(first: $first) {
      totalCount
      edges {
        node {
          ...LiveOrder
        }
      }
    }
  }
`);

/**
 * The signed-in customer's orders, newest first, with their status as it changes. Query.orders
 * rather than the contract's me.orders: the same list for a customer, one level shallower.
 */
export function MyOrders() {
  const [{ data, error, fetching }] = useQuery({ query: MyOrdersQuery, variables: { first: 20 }, context: ORDER_LIST_CONTEXT });
  const { live, error: liveError } = useLiveOrders();
  const listed = useFragment(LiveOrderFragment, data?.orders.edges.map((edge) => edge.node) ?? []);
  const orders = mergeOrders(listed, live, true);

  return (
    <section aria-labelledby="my-orders-title">
      <h2 id="my-orders-title">My orders</h2>
      <ErrorMessage error={error} title="Could not load your orders" />
      <ErrorMessage error={liveError} title="Live order updates stopped" />
      {fetching && !data && <Progress label="Loading your orders…" />}
      <OrderList orders={orders} staff={false} loaded={!!data} />
    </section>
  );
}
