import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Money } from '../components/Money';
import { Progress } from '../components/Progress';
import { graphql } from '../graphql/generated';
import { Link } from '../router';
import { CancelOrderMutation, SetOrderStatusMutation } from './documents';
import { cancellable, NEXT_STATUS, STATUS_ACTION } from './order-status';

export const OrderDetailQuery = graphql(`
  query OrderDetail($id: ID!) {
    order(id: $id) {
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
        name
        email
      }
      items {
        quantity
        unitPrice {
          amount
          currencyCode
        }
        subtotal {
          amount
          currencyCode
        }
        product {
          id
          name
        }
      }
      statusHistory {
        status
        changedAt
        changedBy {
          id
          name
          email
        }
      }
    }
  }
`);

/** One order: its items and totals, its status history as a timeline (who changed what), and its moves; cancelling asks first. */
export function OrderDetailPage({ id, staff }: { id: string; staff: boolean }) {
  const [{ data, error, fetching }] = useQuery({ query: OrderDetailQuery, variables: { id } });
  const [cancelResult, cancel] = useMutation(CancelOrderMutation);
  const [statusResult, setStatus] = useMutation(SetOrderStatusMutation);
  const [confirming, setConfirming] = useState(false);
  const order = data?.order;
  if (fetching && !data) return <Progress label="Loading the order…" />;
  if (error) return <ErrorMessage error={error} title="Could not load the order" />;
  if (!order) {
    return (
      <div className="page">
        <h1>Order not found</h1>
        <p>
          There is no order you may see at this address. <Link to={staff ? '/orders' : '/shop'}>Back to the orders</Link>.
        </p>
      </div>
    );
  }
  const next = NEXT_STATUS[order.status];
  const busy = cancelResult.fetching || statusResult.fetching;
  return (
    <div className="page order-detail">
      <p>
        <Link to={staff ? '/orders' : '/shop'}>← All orders</Link>
      </p>
      <h1>Order #{order.number}</h1>
      <p>
        <span className={`status ${order.status.toLowerCase()}`} data-testid="order-status" aria-live="polite">
          {order.status}
        </span>{' '}
        <span className="muted small">placed {new Date(order.createdAt).toLocaleString()}</span>
        {staff && <span className="muted small"> · {order.customer ? `${order.customer.name} <${order.customer.email}>` : 'customer details unavailable'}</span>}
      </p>
      <section className="card" aria-labelledby="order-items-title">
        <h2 id="order-items-title">Items</h2>
        <table className="order-lines">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price</th>
              <th scope="col">Subtotal</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item, index) => (
              <tr key={item.product?.id ?? index}>
                <td>{item.product ? staff ? <Link to={`/products/${item.product.id}`}>{item.product.name}</Link> : item.product.name : 'a product (details unavailable)'}</td>
                <td>{item.quantity}</td>
                <td><Money value={item.unitPrice} /></td>
                <td><Money value={item.subtotal} /></td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>Total</th>
              <td data-testid="order-total"><strong><Money value={order.total} /></strong></td>
            </tr>
          </tfoot>
        </table>
      </section>
      <section className="card" aria-labelledby="order-history-title">
        <h2 id="order-history-title">Status history</h2>
        <ol className="timeline" data-testid="status-history">
          {order.statusHistory.map((change, index) => (
            <li key={`${change.status}-${index}`}>
              <strong>{change.status}</strong> <time dateTime={change.changedAt}>{new Date(change.changedAt).toLocaleString()}</time>
              <span className="muted small"> · {change.changedBy ? `by ${change.changedBy.name ?? change.changedBy.email ?? 'a user'}` : 'by the shop'}</span>
            </li>
          ))}
        </ol>
      </section>
      <ErrorMessage error={cancelResult.error ?? statusResult.error} title="The order did not change" />
      <div className="actions">
        {staff && next && (
          <button type="button" disabled={busy} onClick={() => void setStatus({ id: order.id, status: next })}>
            {STATUS_ACTION[next]}
          </button>
        )}
        {cancellable(order.status) && !confirming && (
          <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
            Cancel order
          </button>
        )}
      </div>
      {confirming && cancellable(order.status) && (
        <div role="alertdialog" aria-labelledby="confirm-cancel-title" className="card confirm">
          <p id="confirm-cancel-title">Cancel order #{order.number}? Its items go back into stock; this cannot be undone.</p>
          <button type="button" className="danger" disabled={busy} onClick={() => void cancel({ id: order.id }).then(() => setConfirming(false))}>
            Yes, cancel the order
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep the order
          </button>
        </div>
      )}
      {busy && <span role="status">Updating…</span>}
    </div>
  );
}
