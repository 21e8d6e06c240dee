import { useState, type FormEvent } from 'react';
import { Field, Section } from '../components/ui';
import type { DealerSettings } from '../types';
import type { SettingsState } from './use-settings';

type Keys = 'confirmReminderHours' | 'confirmExpiryHours' | 'poPrefix' | 'timeZone';

/** How long a proposed drop-ship waits for confirmation, what PO numbers start with, and the time zone every time is shown in. */
export function OrderBasics({ state }: { state: SettingsState }) {
  const settings = state.settings.data;
  const [draft, setDraft] = useState<Partial<Record<Keys, string>>>({});
  if (!settings) return null;
  const value = (key: Keys) => draft[key] ?? String(settings[key]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Only what was edited is sent; a number box that is not a number goes as text so the API names it.
    const changes = Object.fromEntries(
      Object.entries(draft).map(([key, text]) => [
        key,
        key.endsWith('Hours') ? (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text) : text.trim(),
      ]),
    ) as Partial<DealerSettings>;
    if (Object.keys(changes).length === 0) return;
    if (await state.save(changes, 'Order settings')) setDraft({});
  };

  const field = (key: Keys, label: string, props: { hint?: string; inputMode?: 'numeric' } = {}) => (
    <Field label={label} value={value(key)} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} error={state.errors[key]} {...props} />
  );

  return (
    <Section title="Confirmation, PO numbers and time zone" id="orders">
      <form className="row" onSubmit={(e) => void submit(e)} aria-label="Order settings" noValidate>
        {field('confirmReminderHours', 'Remind me after (hours)', { inputMode: 'numeric', hint: 'A drop-ship waiting this long for confirmation' })}
        {field('confirmExpiryHours', 'Expire after (hours)', { inputMode: 'numeric', hint: 'An unconfirmed drop-ship is dropped after this' })}
        {field('poPrefix', 'PO number prefix', { hint: 'Capital letters or digits, e.g. DL' })}
        {field('timeZone', 'Time zone', { hint: 'e.g. America/Chicago' })}
        <button type="submit">Save order settings</button>
      </form>
    </Section>
  );
}
