import { Section } from '../components/ui';
import type { SettingsState } from './use-settings';

/** Auto-processing: whether purchase orders are placed without the dealer's confirmation. */
export function OrderAutomation({ state }: { state: SettingsState }) {
  const autoProcessing = state.settings.data?.autoProcessing;
  return (
    <Section title="Order automation" id="automation">
      {autoProcessing !== undefined && (
        <div className="field checkbox">
          <input
            id="auto-processing"
            type="checkbox"
            checked={autoProcessing}
            onChange={(e) => void state.save({ autoProcessing: e.target.checked }, 'Auto-processing')}
          />
          <label htmlFor="auto-processing">Auto-processing: place purchase orders without waiting for my confirmation</label>
        </div>
      )}
    </Section>
  );
}
