import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { CombinedError } from '@urql/core';
import { useSubscription } from 'urql';
import { graphql } from '../graphql/generated';
import type { LowStockAlertsSubscription } from '../graphql/generated/graphql';

export const LowStockAlertsSubscriptionDocument = graphql(`
  subscription LowStockAlerts {
    lowStockAlert {
      stock
      threshold
      occurredAt
      product {
        id
        name
      }
      alert {
        id
        delivery {
          status
          ...DeliveryStatus
        }
      }
    }
  }
`);

export type LiveAlert = LowStockAlertsSubscription['lowStockAlert'];

interface AlertsContextValue {
  /** Alerts received since this tab signed in, newest first. */
  live: LiveAlert[];
  unseen: number;
  markSeen(): void;
  error: CombinedError | undefined;
}

const AlertsContext = createContext<AlertsContextValue>({ live: [], unseen: 0, markSeen: () => undefined, error: undefined });

/**
 * Staff only: one lowStockAlert subscription for the whole app, so an alert raised while the
 * manager is on another screen still reaches the feed and the navigation's counter.
 */
export function AlertsProvider({ children }: { children: ReactNode }) {
  const [seen, setSeen] = useState(0);
  const [result] = useSubscription({ query: LowStockAlertsSubscriptionDocument }, (previous: LiveAlert[] = [], data) => [data.lowStockAlert, ...previous].slice(0, 200));
  const live = result.data ?? [];
  const markSeen = useCallback(() => setSeen(live.length), [live.length]);
  const value = useMemo(() => ({ live, unseen: Math.max(0, live.length - seen), markSeen, error: result.error }), [live, seen, markSeen, result.error]);
  return <AlertsContext.Provider value={value}>{children}</AlertsContext.Provider>;
}

export function useAlerts(): AlertsContextValue {
  return useContext(AlertsContext);
}
