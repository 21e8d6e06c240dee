import { ErrorBanner } from '../components/ui';
import { ApiKeys } from '../settings/api-keys';
import { OrderAutomation } from '../settings/automation';
import { EmailSender } from '../settings/email';
import { FailoverPolicy } from '../settings/failover';
import { HandlingTimes } from '../settings/handling';
import { InventoryRules } from '../settings/inventory';
import { DistributorPreference } from '../settings/preference';
import { ShippingMappings } from '../settings/shipping';
import { useSettings } from '../settings/use-settings';
import { useCan } from '../session';

/** Everything the dealer configures, one section per concern. */
export function SettingsPage() {
  const state = useSettings();
  const isOwner = useCan('owner');
  return (
    <section>
      <h1>Settings</h1>
      <ErrorBanner error={state.settings.error} />
      {state.errors.form && <ErrorBanner error={state.errors.form} />}
      {state.saved && (
        <p role="status" className="banner ok">
          {state.saved}
        </p>
      )}
      {!isOwner && <p className="banner">Only an owner can change settings; you can see them here.</p>}
      <fieldset className="plain" disabled={!isOwner}>
        <OrderAutomation state={state} />
        <DistributorPreference state={state} />
        <FailoverPolicy state={state} />
        <InventoryRules state={state} />
        <HandlingTimes state={state} />
        <ShippingMappings />
        <EmailSender state={state} />
      </fieldset>
      {isOwner && <ApiKeys />}
    </section>
  );
}
