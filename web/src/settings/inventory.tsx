import { useState, type FormEvent } from 'react';
import { api, ApiError, errorText } from '../api';
import { ErrorBanner, Field, Section } from '../components/ui';
import { useApi } from '../hooks';
import { useDistributors, type Distributors } from '../distributors';
import type { Answer, Warehouse } from '../types';
import type { SettingsState } from './use-settings';

/** Inventory rules: the drop-ship cutoff, the stock buffer, and each distributor warehouse's lead time. */
export function InventoryRules({ state }: { state: SettingsState }) {
  const settings = state.settings.data;
  const [cutoff, setCutoff] = useState<string>();
  const [buffer, setBuffer] = useState<string>();

  const saveRules = (event: FormEvent) => {
    event.preventDefault();
    void state.save(
      { dropshipCutoff: asNumber(cutoff ?? String(settings?.dropshipCutoff)), stockBuffer: asNumber(buffer ?? String(settings?.stockBuffer)) },
      'Inventory rules',
    );
  };

  return (
    <Section title="Inventory rules" id="inventory">
      {settings && (
        <form className="row" onSubmit={saveRules} aria-label="Cutoff and buffer">
          <Field
            label="Drop-ship cutoff ($)"
            hint="Lines priced below this are not drop-shipped"
            type="number"
            step="0.01"
            value={cutoff ?? String(settings.dropshipCutoff)}
            onChange={(e) => setCutoff(e.target.value)}
            error={state.errors.dropshipCutoff}
          />
          <Field
            label="Stock buffer (units)"
            hint="Held back from a distributor's stock when judging eligibility"
            type="number"
            value={buffer ?? String(settings.stockBuffer)}
            onChange={(e) => setBuffer(e.target.value)}
            error={state.errors.stockBuffer}
          />
          <button type="submit">Save rules</button>
        </form>
      )}
      <Warehouses />
    </Section>
  );
}

/** A blank box is sent as null, so the API names the field instead of a silent 0 being saved. */
const asNumber = (text: string) => (text.trim() === '' ? (null as unknown as number) : Number(text));

function Warehouses() {
  const list = useApi<Answer<'/v1/warehouses', 'get'>>('/warehouses');
  const distributors = useDistributors();
  const [draft, setDraft] = useState({ distributor: '', code: '', name: '', leadTimeDays: '1' });
  // The first distributor listed until the dealer picks one.
  const draftDistributor = draft.distributor || (distributors.list[0]?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const put = async (key: string, warehouse: { distributor: string; code: string; name: string; leadTimeDays: string | number }) => {
    try {
      await api('PUT', `/warehouses/${warehouse.distributor}/${encodeURIComponent(warehouse.code)}`, {
        name: warehouse.name,
        leadTimeDays: Number(warehouse.leadTimeDays),
      });
      setErrors({});
      await list.reload();
      return true;
    } catch (error) {
      // `body.leadTimeDays` → `<key>.leadTimeDays`, so each message sits at its own input.
      const fields = error instanceof ApiError ? error.fields : [];
      setErrors(fields.length ? Object.fromEntries(fields.map((f) => [`${key}.${f.field.split('.').pop()}`, f.message])) : { [key]: errorText(error) });
      return false;
    }
  };
  const remove = async (warehouse: Warehouse) => {
    await api('DELETE', `/warehouses/${warehouse.distributor}/${encodeURIComponent(warehouse.code)}`).catch((error: unknown) =>
      setErrors({ list: errorText(error) }),
    );
    await list.reload();
  };

  return (
    <>
      <h3>Warehouses and lead times</h3>
      <p className="muted">Stock in a warehouse with a lead time above 1 day is not drop-shipped.</p>
      <ErrorBanner error={list.error ?? errors.list} />
      {list.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Distributor</th>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Lead time (days)</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.warehouses.map((w) => (
                <WarehouseRow
                  key={`${w.distributor}/${w.code}`}
                  distributors={distributors}
                  warehouse={w}
                  error={errors[`${w.distributor}/${w.code}.leadTimeDays`] ?? errors[`${w.distributor}/${w.code}`]}
                  onSave={(next) => put(`${w.distributor}/${w.code}`, next)}
                  onRemove={() => void remove(w)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="row"
        aria-label="Add a warehouse"
        onSubmit={(event) => {
          event.preventDefault();
          void put('new', { ...draft, distributor: draftDistributor }).then((ok) => ok && setDraft({ ...draft, code: '', name: '' }));
        }}
      >
        <div className="field">
          <label htmlFor="new-warehouse-distributor">Distributor</label>
          <select id="new-warehouse-distributor" value={draftDistributor} onChange={(e) => setDraft({ ...draft, distributor: e.target.value })}>
            {distributors.list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <Field label="Warehouse code" value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} error={errors['new.code']} />
        <Field label="Warehouse name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} error={errors['new.name']} />
        <Field
          label="Lead time (days)"
          type="number"
          value={draft.leadTimeDays}
          onChange={(e) => setDraft({ ...draft, leadTimeDays: e.target.value })}
          error={errors['new.leadTimeDays'] ?? errors.new}
        />
        <button type="submit">Add warehouse</button>
      </form>
    </>
  );
}

function WarehouseRow({
  distributors,
  warehouse,
  error,
  onSave,
  onRemove,
}: {
  distributors: Distributors;
  warehouse: Warehouse;
  error?: string | undefined;
  onSave: (w: Omit<Warehouse, 'leadTimeDays'> & { leadTimeDays: string }) => Promise<boolean>;
  onRemove: () => void;
}) {
  const [leadTime, setLeadTime] = useState(String(warehouse.leadTimeDays));
  const label = `${distributors.name(warehouse.distributor)} ${warehouse.code}`;
  return (
    <tr>
      <td>{distributors.name(warehouse.distributor)}</td>
      <td>{warehouse.code}</td>
      <td>{warehouse.name}</td>
      <td>
        <label className="visually-hidden" htmlFor={`lead-${label}`}>
          Lead time of {label} in days
        </label>
        <input
          id={`lead-${label}`}
          className="qty"
          type="number"
          min={0}
          value={leadTime}
          onChange={(e) => setLeadTime(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
        {error && <small className="error-text block">{error}</small>}
      </td>
      <td className="actions">
        <button type="button" className="small" onClick={() => void onSave({ ...warehouse, leadTimeDays: leadTime })}>
          Save
        </button>
        <button type="button" className="small secondary" onClick={onRemove} aria-label={`Remove ${label}`}>
          Remove
        </button>
      </td>
    </tr>
  );
}
