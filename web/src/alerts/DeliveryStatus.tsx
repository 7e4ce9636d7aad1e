import { graphql, useFragment, type FragmentType } from '../graphql/generated';
import type { AlertDeliveryStatus } from '../graphql/generated/graphql';

export const DeliveryStatusFragment = graphql(`
  fragment DeliveryStatus on AlertDelivery {
    status
    attempts
    lastError
  }
`);

const DELIVERY_TEXT: Record<AlertDeliveryStatus, string> = {
  PENDING: 'Webhook: sending…',
  DELIVERED: 'Webhook: delivered',
  FAILED: 'Webhook: failed',
  NOT_CONFIGURED: 'Webhook: not configured, so nothing is sent (set ALERT_WEBHOOK_URL to send alerts)',
};

/** How an alert's webhook delivery is going: sending, delivered, failed or not configured, after how many attempts, and why. */
export function DeliveryStatus(props: { delivery: FragmentType<typeof DeliveryStatusFragment> | undefined }) {
  const delivery = useFragment(DeliveryStatusFragment, props.delivery);
  if (!delivery) return <div className="delivery muted">Webhook: not recorded yet</div>;
  return (
    <div className={`delivery ${delivery.status.toLowerCase()}`} data-testid="delivery-status">
      {DELIVERY_TEXT[delivery.status]}
      {delivery.attempts > 0 && ` (${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'})`}
      {delivery.lastError && <span className="error-text">: {delivery.lastError}</span>}
    </div>
  );
}
