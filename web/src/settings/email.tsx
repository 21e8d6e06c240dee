import { useState, type FormEvent } from 'react';
import { Field, Section } from '../components/ui';
import type { DealerSettings } from '../types';
import type { SettingsState } from './use-settings';

type EmailFields = Pick<DealerSettings, 'notificationEmail' | 'emailFrom' | 'emailReplyTo'>;

/** Who buyer emails come from, where replies go, where the dealer's own notices are sent, and whether buyers hear of backorders and cancellations. */
export function EmailSender({ state }: { state: SettingsState }) {
  const settings = state.settings.data;
  const [draft, setDraft] = useState<Partial<Record<keyof EmailFields, string>>>({});
  if (!settings) return null;
  const value = (key: keyof EmailFields) => draft[key] ?? settings[key] ?? '';

  const save = (event: FormEvent) => {
    event.preventDefault();
    const changes = Object.fromEntries(Object.entries(draft).map(([key, text]) => [key, text.trim() === '' ? null : text.trim()]));
    void state.save(changes, 'Email settings').then((ok) => ok && setDraft({}));
  };

  return (
    <Section title="Email sender" id="email">
      <form className="row" onSubmit={save} aria-label="Email sender">
        <Field
          label="Send buyer emails from"
          placeholder="Ridge Line <orders@example.com>"
          value={value('emailFrom')}
          onChange={(e) => setDraft({ ...draft, emailFrom: e.target.value })}
          error={state.errors.emailFrom}
        />
        <Field
          label="Reply-to address"
          type="email"
          value={value('emailReplyTo')}
          onChange={(e) => setDraft({ ...draft, emailReplyTo: e.target.value })}
          error={state.errors.emailReplyTo}
        />
        <Field
          label="Send my notices to"
          type="email"
          value={value('notificationEmail')}
          onChange={(e) => setDraft({ ...draft, notificationEmail: e.target.value })}
          error={state.errors.notificationEmail}
        />
        <button type="submit">Save email settings</button>
      </form>
      <div className="field checkbox">
        <input
          id="notify-buyer-of-po-changes"
          type="checkbox"
          checked={settings.notifyBuyerOfPoChanges}
          onChange={(e) => void state.save({ notifyBuyerOfPoChanges: e.target.checked }, 'Buyer notices')}
        />
        <label htmlFor="notify-buyer-of-po-changes">Email the buyer when a distributor backorders or cancels part of their order</label>
      </div>
    </Section>
  );
}
