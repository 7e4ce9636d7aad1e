import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql, type FragmentType } from '../graphql/generated';
import type { AlertDeliveryStatus } from '../graphql/generated/graphql';
import { ALERT_LIST_CONTEXT } from '../graphql/list-context';
import { useAlerts } from './AlertsProvider';
import { DeliveryStatus, type DeliveryStatusFragment } from './DeliveryStatus';

const StockAlertsQuery = graphql(`
  query StockAlerts($first: Int, $after: String) {
    stockAlerts(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          stock
          threshold
          occurredAt
          product {
            id
            name
          }
          delivery {
            status
            ...DeliveryStatus
          }
        }
      }
    }
  }
`);

const RedeliverStockAlertMutation = graphql(`
  mutation RedeliverStockAlert($id: ID!) {
    redeliverStockAlert(id: $id) {
      id
      delivery {
        ...DeliveryStatus
      }
    }
  }
`);

/** While a delivery is pending, how often its status is asked for again (no subscription carries it). */
const DELIVERY_POLL_MS = 3000;

interface AlertRow {
  key: string;
  id?: string;
  productName: string;
  stock: number;
  threshold: number;
  occurredAt: string;
  /** Its status, which decides polling and "Send again", and what the status line shows. */
  delivery?: { status: AlertDeliveryStatus } & FragmentType<typeof DeliveryStatusFragment>;
  live: boolean;
}

/** Staff: low-stock alerts as they happen, with the recorded history and each webhook delivery's status. */
export function AlertsPage() {
  const { live, markSeen, error: liveError } = useAlerts();
  const [pages, setPages] = useState(1);
  const [{ data, error, fetching }, refetch] = useQuery({ query: StockAlertsQuery, variables: { first: 20 * pages }, context: ALERT_LIST_CONTEXT });
  const [redelivery, redeliver] = useMutation(RedeliverStockAlertMutation);
  useEffect(markSeen, [markSeen]);

  const recorded = data?.stockAlerts.edges.map((edge) => edge.node) ?? [];
  const byId = new Map(recorded.map((alert) => [alert.id, alert]));
  const rows: AlertRow[] = [];
  const shown = new Set<string>();
  for (const [index, alert] of live.entries()) {
    const id = alert.alert?.id;
    if (id && shown.has(id)) continue;
    if (id) shown.add(id);
    const known = id ? byId.get(id) : undefined;
    rows.push({
      key: id ?? `live-${live.length - index}`,
      id,
      productName: alert.product.name,
      stock: alert.stock,
      threshold: alert.threshold,
      occurredAt: alert.occurredAt,
      delivery: known?.delivery ?? alert.alert?.delivery,
      live: true,
    });
  }
  for (const alert of recorded) {
    if (shown.has(alert.id)) continue;
    rows.push({ key: alert.id, id: alert.id, productName: alert.product.name, stock: alert.stock, threshold: alert.threshold, occurredAt: alert.occurredAt, delivery: alert.delivery, live: false });
  }

  const pending = rows.some((row) => row.delivery?.status === 'PENDING') || live.some((alert) => alert.alert?.id && !byId.has(alert.alert.id));
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), DELIVERY_POLL_MS);
    return () => clearInterval(timer);
  }, [pending, refetch]);

  return (
    <div className="page">
      <h1>Low-stock alerts</h1>
      <p className="muted">New alerts appear here as stock falls below a product's threshold; each is also sent to the alert webhook.</p>
      <ErrorMessage error={liveError} title="The live alert feed stopped" />
      <ErrorMessage error={error} title="Could not load recorded alerts" />
      <ErrorMessage error={redelivery.error} title="Could not resend the alert" />
      {fetching && !data && <Progress label="Loading alerts…" />}
      <section className="card" aria-labelledby="alert-feed-title">
        <h2 id="alert-feed-title">Feed</h2>
        {rows.length === 0 && !fetching && <p>No alerts yet.</p>}
        <ol className="alert-feed" aria-live="polite">
          {rows.map((row) => (
            <li key={row.key} className={row.live ? 'alert-item new' : 'alert-item'} data-testid="alert">
              <div>
                <strong>{row.productName}</strong> is low on stock: {row.stock} left (threshold {row.threshold})
                {row.live && <span className="badge">new</span>}
              </div>
              <div className="muted small">
                <time dateTime={row.occurredAt}>{new Date(row.occurredAt).toLocaleString()}</time>
              </div>
              <DeliveryStatus delivery={row.delivery} />
              {row.id && row.delivery?.status === 'FAILED' && (
                <button type="button" className="secondary" disabled={redelivery.fetching} onClick={() => void redeliver({ id: row.id! })}>
                  Send again
                </button>
              )}
            </li>
          ))}
        </ol>
        {data?.stockAlerts.pageInfo.hasNextPage && (
          <button type="button" className="secondary" onClick={() => setPages((n) => n + 1)} disabled={fetching}>
            Show older alerts
          </button>
        )}
      </section>
    </div>
  );
}
