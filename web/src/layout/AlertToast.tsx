import { useAlerts } from '../alerts/AlertsProvider';
import { Link, usePath } from '../router';

/** The newest alert, announced on whatever screen the manager is on. */
export function AlertToast() {
  const { live, unseen } = useAlerts();
  const path = usePath();
  const latest = live[0];
  if (!latest || unseen === 0 || path === '/alerts') return null;
  return (
    <div role="status" className="toast" data-testid="alert-toast">
      Low stock: <strong>{latest.product.name}</strong> has {latest.stock} left (threshold {latest.threshold}). <Link to="/alerts">See alerts</Link>
    </div>
  );
}
