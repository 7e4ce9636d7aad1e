import type { AlertRowFragment } from '../graphql/generated/graphql';
import { DeliveryStatus } from './DeliveryStatus';

interface Props {
  alert: AlertRowFragment;
  /** Arrived since the page opened. */
  isNew: boolean;
  resending: boolean;
  onResend(): void;
}

/** One alert: what happened, whether stock is back (resolved), and how its webhook delivery went. */
export function AlertItem({ alert, isNew, resending, onResend }: Props) {
  const name = alert.product.name;
  return (
    <li className={`alert-item${isNew ? ' new' : ''}${alert.open ? '' : ' resolved'}`} data-testid="alert" data-kind={alert.kind} data-open={alert.open}>
      <div>
        {alert.kind === 'OUT_OF_STOCK' ? (
          <>
            <strong>{name}</strong> is out of stock
          </>
        ) : (
          <>
            <strong>{name}</strong> is low on stock: {alert.stock} left (threshold {alert.threshold})
          </>
        )}
        {isNew && <span className="badge">new</span>}
        <span className={`badge ${alert.open ? 'warn' : 'ok'}`}>{alert.open ? 'Open' : 'Resolved'}</span>
      </div>
      <div className="muted small">
        <time dateTime={alert.occurredAt}>{new Date(alert.occurredAt).toLocaleString()}</time>
        {alert.resolvedAt && (
          <>
            {' · stock back '}
            <time dateTime={alert.resolvedAt}>{new Date(alert.resolvedAt).toLocaleString()}</time>
          </>
        )}
      </div>
      <DeliveryStatus delivery={alert.delivery} />
      {alert.delivery.status === 'FAILED' && (
        <button type="button" className="secondary" disabled={resending} onClick={onResend}>
          Send again
        </button>
      )}
    </li>
  );
}
