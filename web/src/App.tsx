import { lazy, Suspense, useState, type ReactElement } from 'react';
import { useMutation } from 'urql';
import { AlertsPage } from './alerts/AlertsPage';
import { AlertsProvider, useAlerts } from './alerts/AlertsProvider';
import { AuthPage } from './auth/AuthPage';
import { isStaff } from './auth/session';
import { useLiveState, useSession } from './auth/SessionProvider';
import { ErrorMessage } from './components/ErrorMessage';
import { Progress } from './components/Progress';
import { graphql } from './graphql/generated';
import { OrdersPage } from './orders/OrdersPage';
import { ProductsPage } from './products/ProductsPage';
import { Link, navigate, usePath } from './router';
import { ShopPage } from './shop/ShopPage';

const LogOutMutation = graphql(`
  mutation LogOut($refreshToken: String!) {
    logOut(refreshToken: $refreshToken)
  }
`);

// The charts library is most of the bundle: load it only when the dashboard opens.
const LazyDashboard = lazy(() => import('./dashboard/DashboardPage').then((module) => ({ default: module.DashboardPage })));
function DashboardPage() {
  return (
    <Suspense fallback={<Progress label="Loading the dashboard…" />}>
      <LazyDashboard />
    </Suspense>
  );
}

const STAFF_PAGES: Record<string, () => ReactElement> = {
  '/products': ProductsPage,
  '/alerts': AlertsPage,
  '/orders': OrdersPage,
  '/dashboard': DashboardPage,
};

export function App() {
  const { session } = useSession();
  const staff = isStaff(session?.user);
  const shell = (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <Page />
      </main>
    </>
  );
  // Only staff may subscribe to low-stock alerts; the provider keeps one subscription for every screen.
  return staff ? <AlertsProvider>{shell}</AlertsProvider> : shell;
}

function Page() {
  const path = usePath();
  const { session } = useSession();
  if (path === '/log-in') return <AuthPage mode="log-in" />;
  if (path === '/sign-up') return <AuthPage mode="sign-up" />;
  const staffPage = STAFF_PAGES[path];
  if (staffPage) {
    if (!session) return <AuthPage mode="log-in" />;
    if (!isStaff(session.user)) return <p role="alert">This screen is for shop staff. <Link to="/shop">Go to the shop</Link>.</p>;
    const Component = staffPage;
    return <Component />;
  }
  if (path === '/shop' || path === '/') {
    if (path === '/' && isStaff(session?.user)) return <ProductsPage />;
    return <ShopPage />;
  }
  return (
    <p role="alert">
      There is no page at {path}. <Link to="/">Start over</Link>.
    </p>
  );
}

function Header() {
  const { session, sessions } = useSession();
  const [logOutResult, logOut] = useMutation(LogOutMutation);
  const [logOutProblem, setLogOutProblem] = useState<string | null>(null);
  const staff = isStaff(session?.user);

  const onLogOut = async () => {
    const refreshToken = session?.refreshToken;
    if (refreshToken) {
      const result = await logOut({ refreshToken });
      if (result.error) setLogOutProblem(`Signed out here, but the server could not end the session: ${result.error.message}`);
    }
    sessions.set(null, 'You logged out.');
    navigate('/log-in', { replace: true });
  };

  return (
    <header className="app-header">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <span className="brand">Bodega</span>
      <nav aria-label="Main">
        <ul>
          {staff && (
            <>
              <li><Link to="/products">Products</Link></li>
              <li><AlertsLink /></li>
              <li><Link to="/orders">Orders</Link></li>
              <li><Link to="/dashboard">Dashboard</Link></li>
            </>
          )}
          <li><Link to="/shop">Shop</Link></li>
        </ul>
      </nav>
      <div className="session">
        <LiveIndicator />
        {session ? (
          <>
            <span className="who">
              {session.user.name} <span className="muted">({session.user.role.toLowerCase()})</span>
            </span>
            <button type="button" className="secondary" onClick={() => void onLogOut()} disabled={logOutResult.fetching}>
              Log out
            </button>
          </>
        ) : (
          <>
            <Link to="/log-in">Log in</Link>
            <Link to="/sign-up">Sign up</Link>
          </>
        )}
      </div>
      {logOutProblem && <ErrorMessage error={logOutProblem} />}
      {staff && <AlertToast />}
    </header>
  );
}

function AlertsLink() {
  const { unseen } = useAlerts();
  return (
    <Link to="/alerts">
      Alerts{unseen > 0 && <span className="badge warn" aria-label={`${unseen} new`}>{unseen}</span>}
    </Link>
  );
}

/** The newest alert, announced on whatever screen the manager is on. */
function AlertToast() {
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

function LiveIndicator() {
  const { state, reason } = useLiveState();
  const text = state === 'connected' ? 'Live' : state === 'connecting' ? 'Connecting…' : state === 'closed' ? 'Reconnecting…' : 'Idle';
  return (
    <span className={`live ${state}`} title={reason ?? undefined} role="status">
      <span className="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
