import { Section } from '../components/ui';
import { useDistributors } from '../distributors';
import type { DistributorId } from '../types';
import type { SettingsState } from './use-settings';

/** The distributor preference order routing starts from; distributors not listed rank last. */
export function DistributorPreference({ state }: { state: SettingsState }) {
  const distributors = useDistributors();
  const current = state.settings.data?.distributorPreference;
  if (!current) return null;
  const order: DistributorId[] = [...current, ...distributors.list.map((d) => d.id).filter((d) => !current.includes(d))];
  const move = (index: number, by: number) => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    void state.save({ distributorPreference: next }, 'Distributor preference');
  };
  return (
    <Section title="Distributor preference" id="preference">
      <ol className="preference">
        {order.map((distributor, index) => (
          <li key={distributor}>
            <span>{distributors.name(distributor)}</span>
            <button
              type="button"
              className="small secondary"
              disabled={index === 0}
              onClick={() => move(index, -1)}
              aria-label={`Move ${distributors.name(distributor)} up`}
            >
              ↑
            </button>
            <button
              type="button"
              className="small secondary"
              disabled={index === order.length - 1}
              onClick={() => move(index, 1)}
              aria-label={`Move ${distributors.name(distributor)} down`}
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
    </Section>
  );
}
