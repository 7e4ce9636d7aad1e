import { useAlerts } from '../alerts/AlertsProvider';
import { Link } from '../router';
import { CartLink } from './CartLink';

/** The screens this person may open; staff see the back office too. */
export function MainNav({ staff, admin = false }: { staff: boolean; admin?: boolean }) {
  return (
    <nav aria-label="Main">
      <ul>
        {staff && (
          <>
            <li><Link to="/products">Products</Link></li>
            <li><AlertsLink /></li>
            <li><Link to="/orders">Orders</Link></li>
            <li><Link to="/dashboard">Dashboard</Link></li>
            <li><Link to="/knowledge">Knowledge base</Link></li>
            <li><Link to="/inbox">Inbox</Link></li>
            {admin && <li><Link to="/staff">Staff</Link></li>}
          </>
        )}
        <li><Link to="/shop">Shop</Link></li>
        <li><Link to="/help">Help</Link></li>
        <li><Link to="/support">Support</Link></li>
        {!staff && <li><CartLink /></li>}
      </ul>
    </nav>
  );
}

/** "Alerts", with how many arrived since the feed was last looked at. */
function AlertsLink() {
  const { unseen } = useAlerts();
  return (
    <Link to="/alerts">
      Alerts{unseen > 0 && <span className="badge warn" aria-label={`${unseen} new`}>{unseen}</span>}
    </Link>
  );
}
