import { lazy, Suspense, useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { AccountPage } from './account/AccountPage';
import { AlertsPage } from './alerts/AlertsPage';
import { AlertsProvider } from './alerts/AlertsProvider';
import { AuthPage } from './auth/AuthPage';
import { isStaff, type Session, type SessionStore } from './auth/session';
import { SessionProvider, useSession } from './auth/SessionProvider';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Progress } from './components/Progress';
import { DocumentPage } from './knowledge/DocumentPage';
import { HelpPage } from './knowledge/HelpPage';
import { KnowledgePage } from './knowledge/KnowledgePage';
import { AppShell } from './layout/AppShell';
import { OrderDetailPage } from './orders/OrderDetailPage';
import { OrdersPage } from './orders/OrdersPage';
import { ProductDetailPage } from './products/ProductDetailPage';
import { ProductsPage } from './products/ProductsPage';
import { Link, usePath } from './router';
import { ShopPage } from './shop/ShopPage';
import { StaffPage } from './staff/StaffPage';
import { InboxPage } from './support/InboxPage';
import { SupportPage } from './support/SupportPage';

// The charts library is most of the bundle: load it only when the dashboard opens.
const LazyDashboard = lazy(() => import('./dashboard/DashboardPage').then((module) => ({ default: module.DashboardPage })));
function DashboardPage() {
  return (
    <Suspense fallback={<Progress label="Loading the dashboard…" />}>
      <LazyDashboard />
    </Suspense>
  );
}

interface Screen {
  /** What stops working if it fails, for the error boundary: "The products screen". */
  name: string;
  element: ReactElement;
  /** The page's title before " · Bodega"; default: the name without "The " and " screen". */
  title?: string;
}

const STAFF_SCREENS: Record<string, { name: string; Page: () => ReactElement }> = {
  '/products': { name: 'The products screen', Page: ProductsPage },
  '/alerts': { name: 'The alerts screen', Page: AlertsPage },
  '/orders': { name: 'The orders screen', Page: OrdersPage },
  '/dashboard': { name: 'The dashboard', Page: DashboardPage },
  '/knowledge': { name: 'The knowledge base', Page: KnowledgePage },
  '/inbox': { name: 'The inbox', Page: InboxPage },
};

/** Bodega: the providers, the shell, and the screen for the address. */
export function App({ sessions }: { sessions: SessionStore }) {
  return (
    <ErrorBoundary what="Bodega">
      <SessionProvider sessions={sessions}>
        <StaffAlerts>
          <AppShell>
            <Routes />
          </AppShell>
        </StaffAlerts>
      </SessionProvider>
    </ErrorBoundary>
  );
}

/** Only staff may subscribe to low-stock alerts; the provider keeps one subscription for every screen. */
function StaffAlerts({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return isStaff(session?.user) ? <AlertsProvider>{children}</AlertsProvider> : <>{children}</>;
}

/** The screen for the address, in a boundary of its own: a screen that fails leaves the header working. */
function Routes() {
  const path = usePath();
  const { session } = useSession();
  const screen = screenFor(path, session);
  const title = screen.title ?? titleOf(screen.name);
  useEffect(() => {
    document.title = `${title} · Bodega`;
  }, [title]);
  useFocusOnNavigation(path);
  return (
    <ErrorBoundary what={screen.name} resetKey={path}>
      {screen.element}
    </ErrorBoundary>
  );
}

/** "The products screen" → "Products". */
function titleOf(name: string): string {
  const words = name.replace(/^(The|This) /, '').replace(/ screen$/, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** After a navigation (not the first page), focus moves to the new page's heading, as a screen reader expects. */
function useFocusOnNavigation(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [path]);
}

/** Pages with an id in the address: /products/:id (staff), /orders/:id (the customer's own, or staff). */
function detailScreen(path: string, session: Session | null): Screen | null {
  const match = /^\/(products|orders)\/([^/]+)$/.exec(path);
  if (!match) return null;
  const [, kind, id] = match as unknown as [string, 'products' | 'orders', string];
  if (!session) return { name: 'The log-in screen', element: <AuthPage mode="log-in" /> };
  const staff = isStaff(session.user);
  if (kind === 'orders') return { name: 'The order screen', title: 'Order', element: <OrderDetailPage id={decodeURIComponent(id)} staff={staff} /> };
  if (!staff) return { name: 'This screen', element: <p role="alert">This screen is for shop staff. <Link to="/shop">Go to the shop</Link>.</p> };
  return { name: 'The product screen', title: 'Product', element: <ProductDetailPage id={decodeURIComponent(id)} /> };
}

/** /staff (ADMIN only: roles are theirs to change) and /account (anyone signed in). */
function accountScreenFor(path: string, session: Session | null): Screen | null {
  if (path !== '/staff' && path !== '/account') return null;
  if (!session) return { name: 'The log-in screen', title: 'Log in', element: <AuthPage mode="log-in" /> };
  if (path === '/account') return { name: 'The account page', title: 'Your account', element: <AccountPage /> };
  if (session.user.role !== 'ADMIN') {
    return { name: 'This screen', title: 'Staff', element: <p role="alert">Only admins can see accounts and change roles. <Link to="/">Go back</Link>.</p> };
  }
  return { name: 'The staff screen', title: 'Staff', element: <StaffPage selfId={session.user.id} /> };
}

function screenFor(path: string, session: Session | null): Screen {
  const detail = detailScreen(path, session);
  if (detail) return detail;
  if (path === '/log-in' || path === '/sign-up') {
    const mode = path === '/log-in' ? 'log-in' : 'sign-up';
    return { name: `The ${mode} screen`, title: mode === 'log-in' ? 'Log in' : 'Sign up', element: <AuthPage mode={mode} /> };
  }
  const staffScreen = STAFF_SCREENS[path];
  if (staffScreen) {
    if (!session) return { name: 'The log-in screen', element: <AuthPage mode="log-in" /> };
    if (!isStaff(session.user)) {
      return { name: 'This screen', element: <p role="alert">This screen is for shop staff. <Link to="/shop">Go to the shop</Link>.</p> };
    }
    return { name: staffScreen.name, element: <staffScreen.Page /> };
  }
  const accountScreen = accountScreenFor(path, session);
  if (accountScreen) return accountScreen;
  if (path === '/help') return { name: 'The help page', element: <HelpPage /> };
  const documentId = /^\/documents\/([^/]+)$/.exec(path)?.[1];
  if (documentId) return { name: 'The document', element: <DocumentPage key={documentId} id={decodeURIComponent(documentId)} /> };
  if (path === '/support') {
    if (!session) return { name: 'The log-in screen', element: <AuthPage mode="log-in" /> };
    return { name: 'The support screen', element: <SupportPage /> };
  }
  if (path === '/shop' || path === '/') {
    if (path === '/' && isStaff(session?.user)) return { name: 'The products screen', element: <ProductsPage /> };
    return { name: 'The shop', element: <ShopPage /> };
  }
  return {
    name: 'This screen',
    title: 'Page not found',
    element: (
      <p role="alert">
        There is no page at {path}. <Link to="/">Start over</Link>.
      </p>
    ),
  };
}
