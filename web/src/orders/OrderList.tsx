import { OrderCard } from './OrderCard';
import type { LiveOrder } from './live-orders';

/** Orders as cards, in the order given; says so when a loaded list is empty. */
export function OrderList({ orders, staff, loaded }: { orders: readonly LiveOrder[]; staff: boolean; loaded: boolean }) {
  return (
    <>
      {loaded && orders.length === 0 && <p>No orders yet.</p>}
      <ol className="orders">
        {orders.map((order) => (
          <OrderCard key={order.id} order={order} staff={staff} />
        ))}
      </ol>
    </>
  );
}
