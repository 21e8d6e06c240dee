import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorBanner, Field, Section } from '../components/ui';
import { useApi } from '../hooks';
import type { Answer } from '../types';
import { fieldErrors } from './field-errors';

type Digest = Answer<'/v1/settings/digest', 'get'>;

/** The daily digest email: whether and when it goes out (in the dealer's time zone), and when an unshipped PO makes it. */
export function DigestSettings() {
  const digest = useApi<Digest>('/settings/digest');
  const [draft, setDraft] = useState<{ time?: string; days?: string; enabled?: boolean }>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string>();
  const data = digest.data;
  if (!data) return <ErrorBanner error={digest.error} />;
  const time = draft.time ?? `${pad(data.hour)}:${pad(data.minute)}`;
  const days = draft.days ?? String(data.unshippedAfterDays);
  const enabled = draft.enabled ?? data.enabled;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    const [hour, minute] = time.split(':').map(Number);
    try {
      await api('PUT', '/settings/digest', {
        enabled,
        hour,
        minute,
        unshippedAfterDays: days.trim() !== '' && Number.isFinite(Number(days)) ? Number(days) : days,
      });
      setErrors({});
      setDraft({});
      setSaved('Daily digest saved');
      await digest.reload();
    } catch (error) {
      const found = fieldErrors(error);
      setErrors({ ...found, time: found.hour ?? found.minute ?? '' });
    }
  };

  return (
    <Section title="Daily digest" id="digest">
      <p className="muted">
        One email a day with what needs you: drop-ships awaiting confirmation, open exceptions and purchase orders not yet shipped. Sent in the time zone{' '}
        {data.timeZone}.
      </p>
      <form className="row" onSubmit={(e) => void submit(e)} aria-label="Daily digest" noValidate>
        <div className="field checkbox">
          <input id="digest-enabled" type="checkbox" checked={enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
          <label htmlFor="digest-enabled">Send the daily digest</label>
        </div>
        <Field label="Send at" type="time" value={time} onChange={(e) => setDraft({ ...draft, time: e.target.value })} error={errors.time || undefined} />
        <Field
          label="List POs unshipped after (days)"
          inputMode="numeric"
          value={days}
          onChange={(e) => setDraft({ ...draft, days: e.target.value })}
          error={errors.unshippedAfterDays}
        />
        <button type="submit">Save digest</button>
      </form>
      {errors.form && (
        <p className="error-text" role="alert">
          {errors.form}
        </p>
      )}
      {saved && (
        <p role="status" className="muted">
          {saved}
        </p>
      )}
    </Section>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
