import { useEffect, useState } from 'react';
import { api, setCsrfToken, whenSignedOut } from './api';
import { InDealerTimeZone } from './components/dealer-time-zone';
import { LiveIndicator } from './components/live-indicator';
import { AcceptInvitationPage, ResetPasswordPage } from './pages/account-links';
import { CatalogPage } from './pages/catalog';
import { ExceptionsPage } from './pages/exceptions';
import { OrderPage } from './pages/order';
import { OrdersPage } from './pages/orders';
import { PurchaseOrderPage } from './pages/purchase-order';
import { PurchaseOrdersPage } from './pages/purchase-orders';
import { SettingsPage } from './pages/settings';
import { SignInPage } from './pages/sign-in';
import { UsersPage } from './pages/users';
import { SessionProvider, type Session } from './session';
import { Link, navigate, takeInAppNavigation, useLocation } from './router';

const NAV = [
  { to: '/orders', label: 'Orders' },
  { to: '/purchase-orders', label: 'Purchase orders' },
  { to: '/exceptions', label: 'Exceptions' },
  { to: '/catalog', label: 'Catalog' },
  { to: '/settings', label: 'Settings' },
  { to: '/users', label: 'Users', ownerOnly: true },
];

export function App() {
  const location = useLocation();
  // undefined while GET /v1/session is asked; null when signed out.
  const [session, setSession] = useState<Session | null>();
  const signedIn = (next: Session | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  };
  useEffect(() => {
    whenSignedOut(() => signedIn(null));
    api<Session>('GET', '/session').then(signedIn, () => signedIn(null));
  }, []);
  const path = location.pathname.replace(/\/+$/, '') || '/';

  // After an in-app navigation, keyboard and screen-reader users continue from the new page's content;
  // on the first load the browser's own order (skip link first) stands.
  useEffect(() => {
    if (takeInAppNavigation()) document.getElementById('main')?.focus();
  }, [path]);

  if (session === undefined) return null;
  if (path === '/reset-password') return <ResetPasswordPage />;
  if (path === '/accept-invitation' && !session)
    return (
      <AcceptInvitationPage
        onSignedIn={(next) => {
          signedIn(next);
          navigate('/');
        }}
      />
    );
  if (!session) return <SignInPage onSignedIn={signedIn} />;

  /** Ends this browser's session, or with `everywhere` every session of this user (a lost laptop, a shared screen). */
  const signOut = async (everywhere = false) => {
    await api(everywhere ? 'POST' : 'DELETE', everywhere ? '/session/sign-out-everywhere' : '/session').catch(() => undefined);
    signedIn(null);
    navigate('/');
  };

  return (
    <SessionProvider value={session}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Dropline</span>
        <nav aria-label="Main">
          {NAV.filter((item) => !item.ownerOnly || session.role === 'owner').map((item) => (
            <Link key={item.to} to={item.to} aria-current={path.startsWith(item.to) || (path === '/' && item.to === '/orders') ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <LiveIndicator />
        <button type="button" className="link" onClick={() => void signOut()} title={`Signed in as ${session.user?.email ?? 'an API key'} (${session.role})`}>
          Sign out
        </button>
        {session.user && (
          <button type="button" className="link" onClick={() => void signOut(true)}>
            Sign out everywhere
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <InDealerTimeZone>
          <Page path={path} query={location.searchParams} />
        </InDealerTimeZone>
      </main>
    </SessionProvider>
  );
}

function Page({ path, query }: { path: string; query: URLSearchParams }) {
  const [, section, id] = path.split('/').map(decodeURIComponent);
  if (path === '/' || (section === 'orders' && !id)) return <OrdersPage query={query} />;
  if (section === 'orders' && id) return <OrderPage orderId={id} />;
  if (section === 'purchase-orders' && !id) return <PurchaseOrdersPage query={query} />;
  if (section === 'purchase-orders' && id) return <PurchaseOrderPage poNumber={id} />;
  if (section === 'exceptions') return <ExceptionsPage query={query} />;
  if (section === 'catalog') return <CatalogPage query={query} />;
  if (section === 'settings') return <SettingsPage page={id} />;
  if (section === 'users') return <UsersPage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link to="/orders">Go to orders</Link>
      </p>
    </section>
  );
}
