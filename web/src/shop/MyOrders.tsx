import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql } from '../graphql/generated';
import { mergeOrders, useLiveOrders } from '../orders/live-orders';
import { OrderCard } from '../orders/OrderCard';
import { ORDER_LIST_CONTEXT } from '../graphql/list-context';

const MyOrdersQuery = graphql(`
  query MyOrders($first: Int) {
    orders(first: $first) {
      totalCount
      edges {
        node {
          ...OrderSummary
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
  const listed = data?.orders.edges.map((edge) => edge.node) ?? [];
  const orders = mergeOrders(listed, live, true);

  return (
    <section aria-labelledby="my-orders-title">
      <h2 id="my-orders-title">My orders</h2>
      <ErrorMessage error={error} title="Could not load your orders" />
      <ErrorMessage error={liveError} title="Live order updates stopped" />
      {fetching && !data && <Progress label="Loading your orders…" />}
      {data && orders.length === 0 && <p>No orders yet.</p>}
      <ol className="orders">
        {orders.map((order) => (
          <OrderCard key={order.id} order={order} staff={false} />
        ))}
      </ol>
    </section>
  );
}
