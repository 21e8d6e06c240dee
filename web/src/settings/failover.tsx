import { useState, type FormEvent } from 'react';
import { Field, Section } from '../components/ui';
import type { DealerSettings } from '../types';
import type { SettingsState } from './use-settings';

type Policy = DealerSettings['failoverPolicy'];
type Draft = Partial<Pick<Policy, 'enabled' | 'onRefusal' | 'onDistributorCancel'> & { backorderDays: string; maxCostPercent: string }>;

/**
 * The failover policy: whether lines a distributor refuses, cancels or keeps backordered too long are
 * re-routed automatically, and the most a re-routed line may cost. The API judges every value, so its
 * messages are the ones shown at each field.
 */
export function FailoverPolicy({ state }: { state: SettingsState }) {
  const saved = state.settings.data?.failoverPolicy;
  const [draft, setDraft] = useState<Draft>({});
  if (!saved) return null;
  const policy = {
    enabled: draft.enabled ?? saved.enabled,
    onRefusal: draft.onRefusal ?? saved.onRefusal,
    onDistributorCancel: draft.onDistributorCancel ?? saved.onDistributorCancel,
    backorderDays: draft.backorderDays ?? (saved.backorderDays === null ? '' : String(saved.backorderDays)),
    maxCostPercent: draft.maxCostPercent ?? String(saved.maxCostPercent),
  };
  const error = (field: keyof Policy) => state.errors[`failoverPolicy.${field}`];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes = {
      ...policy,
      // Blank backorder days means never; a blank ceiling is sent as null so the API names the field.
      backorderDays: policy.backorderDays.trim() === '' ? null : asNumber(policy.backorderDays),
      maxCostPercent: policy.maxCostPercent.trim() === '' ? null : asNumber(policy.maxCostPercent),
    } as Policy;
    if (await state.save({ failoverPolicy: changes }, 'Failover policy')) setDraft({});
  };

  const checkbox = (id: string, key: 'enabled' | 'onRefusal' | 'onDistributorCancel', label: string, role?: 'switch') => (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        role={role}
        checked={policy[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.checked })}
        aria-invalid={error(key) ? true : undefined}
        aria-describedby={error(key) ? `${id}-error` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {error(key) && (
        <small id={`${id}-error`} className="error-text block" role="alert">
          {error(key)}
        </small>
      )}
    </div>
  );

  return (
    <Section title="Failover" id="failover">
      <p className="muted">
        Automatic failover is off by default; when on, lines a distributor refuses, cancels or keeps backordered too long are re-routed once to the next
        distributor in your preference order that has them in stock, never above your cost ceiling.
      </p>
      <form className="failover" onSubmit={(e) => void submit(e)} aria-label="Failover policy">
        {checkbox('failover-enabled', 'enabled', 'Re-route automatically', 'switch')}
        <fieldset>
          <legend>Re-route when</legend>
          {checkbox('failover-on-refusal', 'onRefusal', 'a distributor refuses a purchase order')}
          {checkbox('failover-on-cancel', 'onDistributorCancel', 'a distributor cancels lines')}
          <Field
            label="a line stays backordered longer than (days)"
            hint="Leave blank to never re-route backorders"
            inputMode="decimal"
            value={policy.backorderDays}
            onChange={(e) => setDraft({ ...draft, backorderDays: e.target.value })}
            error={error('backorderDays')}
          />
        </fieldset>
        <Field
          label="Cost ceiling (% of sale price)"
          hint="A re-routed line may cost at most this share of its sale price"
          inputMode="numeric"
          value={policy.maxCostPercent}
          onChange={(e) => setDraft({ ...draft, maxCostPercent: e.target.value })}
          error={error('maxCostPercent')}
        />
        <button type="submit">Save failover policy</button>
      </form>
    </Section>
  );
}

/** Text that is not a number goes to the API as it is, so its message (not a silent blank) reaches the field. */
const asNumber = (text: string) => (Number.isFinite(Number(text)) ? Number(text) : text.trim());
