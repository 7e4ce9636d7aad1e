import { useEffect, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql, useFragment as readFragment } from '../graphql/generated';
import type { AlertRowFragment } from '../graphql/generated/graphql';
import { ALERT_LIST_CONTEXT } from '../graphql/list-context';
import { useAlerts } from './AlertsProvider';
import { AlertItem } from './AlertItem';

export const AlertRowFields = graphql(`
  fragment AlertRow on StockAlert {
    id
    kind
    open
    resolvedAt
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
`);

const StockAlertsQuery = graphql(`
  query StockAlerts($first: Int, $after: String) {
    stockAlerts(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AlertRow
        }
      }
    }
  }
`);

/** Opened, resolved and delivery changes as they happen: the page never polls. */
export const StockAlertUpdatesSubscription = graphql(`
  subscription StockAlertUpdates {
    stockAlertUpdated {
      ...AlertRow
    }
  }
`);

const RedeliverStockAlertMutation = graphql(`
  mutation RedeliverStockAlert($id: ID!) {
    redeliverStockAlert(id: $id) {
      ...AlertRow
    }
  }
`);

/** Staff: stock alerts as they open and resolve, with the recorded history and each webhook delivery's state. */
export function AlertsPage() {
  const { markSeen, error: liveError } = useAlerts();
  const [pages, setPages] = useState(1);
  const [{ data, error, fetching }] = useQuery({ query: StockAlertsQuery, variables: { first: 20 * pages }, context: ALERT_LIST_CONTEXT });
  // The latest state of every alert that changed since the page opened, newest change first.
  const [updates] = useSubscription({ query: StockAlertUpdatesSubscription }, (previous: AlertRowFragment[] = [], event) => {
    const alert = readFragment(AlertRowFields, event.stockAlertUpdated);
    return [alert, ...previous.filter((known) => known.id !== alert.id)].slice(0, 200);
  });
  const [redelivery, redeliver] = useMutation(RedeliverStockAlertMutation);
  useEffect(markSeen, [markSeen]);

  const recorded = readFragment(AlertRowFields, data?.stockAlerts.edges.map((edge) => edge.node) ?? []);
  const changed = updates.data ?? [];
  const latest = new Map(changed.map((alert) => [alert.id, alert]));
  const recordedIds = new Set(recorded.map((alert) => alert.id));
  const fresh = changed.filter((alert) => !recordedIds.has(alert.id));
  const rows = [...fresh, ...recorded.map((alert) => latest.get(alert.id) ?? alert)];
  const openCount = rows.filter((row) => row.open).length;

  return (
    <div className="page">
      <h1>Stock alerts</h1>
      <p className="muted">
        An alert opens when a product's stock falls below its threshold, and another when it runs out; each resolves once stock is back.
        Changes appear here as they happen.
      </p>
      <ErrorMessage error={liveError ?? updates.error} title="The live alert feed stopped" />
      <ErrorMessage error={error} title="Could not load recorded alerts" />
      <ErrorMessage error={redelivery.error} title="Could not resend the alert" />
      {fetching && !data && <Progress label="Loading alerts…" />}
      <section className="card" aria-labelledby="alert-feed-title">
        <h2 id="alert-feed-title">
          Feed <span className="muted small">({openCount} open)</span>
        </h2>
        {rows.length === 0 && !fetching && <p>No alerts yet.</p>}
        <ol className="alert-feed" aria-live="polite">
          {rows.map((row) => (
            <AlertItem
              key={row.id}
              alert={row}
              isNew={!recordedIds.has(row.id)}
              resending={redelivery.fetching}
              onResend={() => void redeliver({ id: row.id })}
            />
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
