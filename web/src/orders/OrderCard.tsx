import { useMutation } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Money } from '../components/Money';
import { graphql, useFragment, type FragmentType } from '../graphql/generated';
import { Link } from '../router';
import { CancelOrderMutation, SetOrderStatusMutation } from './documents';
import { cancellable, NEXT_STATUS, STATUS_ACTION } from './order-status';

export const OrderCardFragment = graphql(`
  fragment OrderCard on Order {
    id
    number
    status
    createdAt
    total {
      amount
      currencyCode
    }
    customer {
      id
      email
      name
    }
    items {
      quantity
      unitPrice {
        amount
        currencyCode
      }
      product {
        id
        name
      }
    }
  }
`);

/** One order: items, total, live status, and the moves this viewer may make. */
export function OrderCard(props: { order: FragmentType<typeof OrderCardFragment>; staff: boolean }) {
  const { staff } = props;
  const order = useFragment(OrderCardFragment, props.order);
  const [cancelResult, cancel] = useMutation(CancelOrderMutation);
  const [statusResult, setStatus] = useMutation(SetOrderStatusMutation);
  const next = NEXT_STATUS[order.status];
  const busy = cancelResult.fetching || statusResult.fetching;

  return (
    <li className="card order" data-order-id={order.id} aria-labelledby={`order-${order.id}`}>
      <div className="order-head">
        <h3 id={`order-${order.id}`}>
          <Link to={`/orders/${order.id}`}>Order #{order.number}</Link>
        </h3>
        <span className={`status ${order.status.toLowerCase()}`} data-testid="order-status" aria-live="polite">
          {order.status}
        </span>
      </div>
      <p className="muted small">
        {new Date(order.createdAt).toLocaleString()}
        {/* customer and product come from other services; while one is down they are null, the order is not. */}
        {staff && (order.customer ? ` · ${order.customer.name} <${order.customer.email}>` : ' · customer details unavailable')}
      </p>
      <ul className="order-items">
        {order.items.map((item, index) => (
          <li key={item.product?.id ?? index}>
            {item.quantity} × {item.product?.name ?? 'a product (details unavailable)'} <span className="muted">at</span> <Money value={item.unitPrice} />
          </li>
        ))}
      </ul>
      <p>
        Total <strong><Money value={order.total} /></strong>
      </p>
      <div className="actions">
        {staff && next && (
          <button type="button" disabled={busy} onClick={() => void setStatus({ id: order.id, status: next })}>
            {STATUS_ACTION[next]}
          </button>
        )}
        {cancellable(order.status) && (
          <button type="button" className="danger" disabled={busy} onClick={() => void cancel({ id: order.id })}>
            Cancel order
          </button>
        )}
        {busy && <span role="status">Updating…</span>}
      </div>
      <ErrorMessage error={cancelResult.error} title="Not cancelled" />
      <ErrorMessage error={statusResult.error} title="Status not changed" />
    </li>
  );
}
