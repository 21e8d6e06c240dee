import { useEffect, useState } from 'react';
import { session } from './api';
import { CatalogPage } from './pages/catalog';
import { InDealerTimeZone } from './components/dealer-time-zone';
import { LiveIndicator } from './components/live-indicator';
import { ExceptionsPage } from './pages/exceptions';
import { OrderPage } from './pages/order';
import { OrdersPage } from './pages/orders';
import { PurchaseOrderPage } from './pages/purchase-order';
import { PurchaseOrdersPage } from './pages/purchase-orders';
import { SettingsPage } from './pages/settings';
import { SignInPage } from './pages/sign-in';
import { Link, navigate, takeInAppNavigation, useLocation } from './router';

const NAV = [
  { to: '/orders', label: 'Orders' },
  { to: '/purchase-orders', label: 'Purchase orders' },
  { to: '/exceptions', label: 'Exceptions' },
  { to: '/catalog', label: 'Catalog' },
  { to: '/settings', label: 'Settings' },
];

export function App() {
  const location = useLocation();
  const [signedIn, setSignedIn] = useState(() => session.key() !== null);
  const path = location.pathname.replace(/\/+$/, '') || '/';

  // After an in-app navigation, keyboard and screen-reader users continue from the new page's content;
  // on the first load the browser's own order (skip link first) stands.
  useEffect(() => {
    if (takeInAppNavigation()) document.getElementById('main')?.focus();
  }, [path]);

  if (!signedIn) return <SignInPage onSignedIn={() => setSignedIn(true)} />;

  const signOut = () => {
    session.signOut();
    setSignedIn(false);
    navigate('/');
  };

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Dropline</span>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <Link key={item.to} to={item.to} aria-current={path.startsWith(item.to) || (path === '/' && item.to === '/orders') ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <LiveIndicator />
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <InDealerTimeZone>
          <Page path={path} query={location.searchParams} />
        </InDealerTimeZone>
      </main>
    </>
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
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link to="/orders">Go to orders</Link>
      </p>
    </section>
  );
}
