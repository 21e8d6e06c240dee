import { useState } from 'react';
import { api, ApiError, errorText } from '../api';
import { ErrorBanner, Field, Section } from '../components/ui';
import { useApi } from '../hooks';
import { useDistributors, type Distributors } from '../distributors';
import { CHANNELS, type Answer, type DistributorId, type ShippingMapping } from '../types';

/** Which distributor shipping method each store shipping rate means. */
export function ShippingMappings() {
  const data = useApi<Answer<'/v1/shipping-mappings', 'get'>>('/shipping-mappings');
  const distributors = useDistributors();
  const [draft, setDraft] = useState({ channel: 'website', rateName: '' });
  const [added, setAdded] = useState<ShippingMapping[]>([]);
  const rows = [...(data.data?.mappings ?? []), ...added.filter((a) => !data.data?.mappings.some((m) => m.channel === a.channel && m.rateName === a.rateName))];

  return (
    <Section title="Shipping mappings" id="shipping">
      <ErrorBanner error={data.error} />
      {distributors.list.map((d) => (
        <datalist key={d.id} id={`methods-${d.id}`}>
          {d.shipMethods.codes.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
      ))}
      {rows.map((mapping) => (
        <MappingRow key={`${mapping.channel}/${mapping.rateName}`} distributors={distributors} mapping={mapping} onSaved={data.reload} />
      ))}
      <form
        className="row"
        aria-label="Add a shipping rate"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.rateName.trim()) setAdded([...added, { channel: draft.channel, rateName: draft.rateName.trim(), methods: {} }]);
          setDraft({ ...draft, rateName: '' });
        }}
      >
        <div className="field">
          <label htmlFor="new-rate-channel">Channel</label>
          <select id="new-rate-channel" value={draft.channel} onChange={(e) => setDraft({ ...draft, channel: e.target.value })}>
            {CHANNELS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        <Field label="Store shipping rate name" value={draft.rateName} onChange={(e) => setDraft({ ...draft, rateName: e.target.value })} />
        <button type="submit" className="secondary">
          Add rate
        </button>
      </form>
    </Section>
  );
}

function MappingRow({ distributors, mapping, onSaved }: { distributors: Distributors; mapping: ShippingMapping; onSaved: () => Promise<void> }) {
  const [methods, setMethods] = useState<Partial<Record<DistributorId, string>>>(mapping.methods);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();

  const save = async () => {
    const filled = Object.fromEntries(Object.entries(methods).filter(([, code]) => code?.trim()));
    try {
      await api('PUT', `/shipping-mappings/${mapping.channel}/${encodeURIComponent(mapping.rateName)}`, { methods: filled });
      setErrors({});
      setMessage('Saved');
      await onSaved();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : [];
      setErrors(fields.length ? Object.fromEntries(fields.map((f) => [f.field.replace(/^body\.methods\./, ''), f.message])) : { form: errorText(error) });
      setMessage(undefined);
    }
  };

  return (
    <fieldset className="mapping">
      <legend>
        {mapping.channel}: “{mapping.rateName}”
      </legend>
      <div className="row">
        {distributors.list.map(({ id, name }) => (
          <Field
            key={id}
            label={`${name} method`}
            list={`methods-${id}`}
            value={methods[id] ?? ''}
            onChange={(e) => setMethods({ ...methods, [id]: e.target.value })}
            error={errors[id]}
          />
        ))}
        <button type="button" className="small" onClick={() => void save()}>
          Save
        </button>
      </div>
      {errors.form && <p className="error-text">{errors.form}</p>}
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
    </fieldset>
  );
}
