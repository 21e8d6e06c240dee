import { useEffect } from 'react';
import { ErrorBanner } from '../components/ui';
import { Link } from '../router';
import { ApiKeys } from '../settings/api-keys';
import { OrderAutomation } from '../settings/automation';
import { CatalogFeeds } from '../settings/catalog-feeds';
import { ChannelAccounts } from '../settings/channel-accounts';
import { DigestSettings } from '../settings/digest';
import { DistributorAccounts } from '../settings/distributor-accounts';
import { EmailSender } from '../settings/email';
import { FailoverPolicy } from '../settings/failover';
import { HandlingTimes } from '../settings/handling';
import { InventoryRules } from '../settings/inventory';
import { OrderBasics } from '../settings/orders-general';
import { DistributorPreference } from '../settings/preference';
import { ShippingMappings } from '../settings/shipping';
import { useSettings, type SettingsState } from '../settings/use-settings';
import { useCan } from '../session';

/** The settings sub-pages, each at a stable, linkable URL (the first-run checklist links to them). */
const PAGES = [
  { id: undefined, to: '/settings', label: 'General' },
  { id: 'distributors', to: '/settings/distributors', label: 'Distributors' },
  { id: 'channels', to: '/settings/channels', label: 'Sales channels' },
  { id: 'feeds', to: '/settings/feeds', label: 'Catalog feeds' },
] as const;

/** Everything the dealer configures: general rules on /settings, accounts and feeds on pages of their own. */
export function SettingsPage({ page }: { page?: string | undefined }) {
  const state = useSettings();
  const current = PAGES.find((p) => p.id === page);
  const loaded = state.settings.data !== null;
  // A link to a section (/settings#email, from the first-run checklist) lands on it once the sections are drawn.
  useEffect(() => {
    if (loaded && window.location.hash) document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [loaded, page]);
  const isOwner = useCan('owner');
  return (
    <section className="settings">
      <h1>Settings</h1>
      <nav aria-label="Settings" className="subnav">
        {PAGES.map((p) => (
          <Link key={p.to} to={p.to} aria-current={p === current ? 'page' : undefined}>
            {p.label}
          </Link>
        ))}
      </nav>
      <ErrorBanner error={state.settings.error} />
      {state.errors.form && <ErrorBanner error={state.errors.form} />}
      {state.saved && (
        <p role="status" className="banner ok">
          {state.saved}
        </p>
      )}
      {!isOwner && <p className="banner">Only an owner can change settings; you can see them here.</p>}
      {current ? (
        <fieldset className="plain" disabled={!isOwner}>
          <Content page={current.id} state={state} isOwner={isOwner} />
        </fieldset>
      ) : (
        <p>There is no such settings page.</p>
      )}
    </section>
  );
}

function Content({ page, state, isOwner }: { page: (typeof PAGES)[number]['id']; state: SettingsState; isOwner: boolean }) {
  if (page === 'distributors') return <DistributorAccounts />;
  if (page === 'channels') return <ChannelAccounts />;
  if (page === 'feeds') return <CatalogFeeds timeZone={state.settings.data?.timeZone} />;
  return (
    <>
      <OrderAutomation state={state} />
      <OrderBasics state={state} />
      <DistributorPreference state={state} />
      <FailoverPolicy state={state} />
      <InventoryRules state={state} />
      <HandlingTimes state={state} />
      <ShippingMappings />
      <EmailSender state={state} />
      <DigestSettings />
      {isOwner && <ApiKeys />}
    </>
  );
}
