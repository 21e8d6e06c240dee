import { useState, type FormEvent } from 'react';
import { Field, Section } from '../components/ui';
import type { SettingsState } from './use-settings';

type HandlingDays = { website: string; shopify: string };

/**
 * Handling time per channel that gives no ship-by date of its own (eBay and Amazon do): a website or
 * Shopify order must ship by the end of that many business days after the day it was placed.
 */
export function HandlingTimes({ state }: { state: SettingsState }) {
  const saved = state.settings.data?.handlingDays;
  const [draft, setDraft] = useState<Partial<HandlingDays>>({});
  if (!saved) return null;
  const value = (channel: keyof HandlingDays) => draft[channel] ?? String(saved[channel]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A blank box is sent as null, so the API names the field instead of a silent 0 being saved.
    const days = (channel: keyof HandlingDays) => (value(channel).trim() === '' ? (null as unknown as number) : Number(value(channel)));
    if (await state.save({ handlingDays: { website: days('website'), shopify: days('shopify') } }, 'Handling times')) setDraft({});
  };

  return (
    <Section title="Ship-by deadlines" id="handling">
      <p className="muted">
        eBay and Amazon give each order its ship-by date. Website and Shopify orders must ship by the end of this many business days (Monday to Friday, in your
        time zone) after the day they were placed; a purchase order not shipped a day before then shows up in Exceptions.
      </p>
      <form className="row" onSubmit={(e) => void submit(e)} aria-label="Handling times">
        <Field
          label="Website orders (business days)"
          type="number"
          value={value('website')}
          onChange={(e) => setDraft({ ...draft, website: e.target.value })}
          error={state.errors['handlingDays.website'] ?? state.errors.handlingDays}
        />
        <Field
          label="Shopify orders (business days)"
          type="number"
          value={value('shopify')}
          onChange={(e) => setDraft({ ...draft, shopify: e.target.value })}
          error={state.errors['handlingDays.shopify']}
        />
        <button type="submit">Save handling times</button>
      </form>
    </Section>
  );
}
