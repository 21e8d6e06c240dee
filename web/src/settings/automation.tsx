import { useState, type FormEvent } from 'react';
import { api, ApiError, errorText } from '../api';
import { ErrorBanner, Field, Section } from '../components/ui';
import { dateTime } from '../format';
import { useApi } from '../hooks';
import { useDistributors } from '../distributors';
import type { Answer, Distributor, DistributorAccount } from '../types';
import type { SettingsState } from './use-settings';

/** Auto-processing, and per distributor: write-only credentials, readiness, and a connection test. */
export function OrderAutomation({ state }: { state: SettingsState }) {
  const accounts = useApi<Answer<'/v1/distributor-accounts', 'get'>>('/distributor-accounts');
  const distributors = useDistributors();
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
      <ErrorBanner error={accounts.error} />
      <div className="accounts">
        {accounts.data?.accounts.map((account) => (
          <AccountCard
            key={account.distributor}
            account={account}
            distributor={distributors.list.find((d) => d.id === account.distributor)}
            onSaved={accounts.reload}
          />
        ))}
      </div>
    </Section>
  );
}

function AccountCard({ account, distributor, onSaved }: { account: DistributorAccount; distributor: Distributor | undefined; onSaved: () => Promise<void> }) {
  const requires = distributor?.accountRequirements;
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();

  const put = async (body: object, done: string) => {
    setMessage(undefined);
    try {
      await api('PUT', `/distributor-accounts/${account.distributor}`, body);
      setErrors({});
      setCredentials({});
      setMessage(done);
      await onSaved();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : [];
      setErrors(fields.length ? Object.fromEntries(fields.map((f) => [f.field.replace(/^body\.credentials\./, ''), f.message])) : { form: errorText(error) });
    }
  };

  const saveCredentials = (event: FormEvent) => {
    event.preventDefault();
    void put({ credentials }, 'Credentials saved');
  };

  const test = async () => {
    setMessage('Testing…');
    try {
      const result = await api<Answer<'/v1/distributor-accounts/{distributor}/test-connection', 'post'>>(
        'POST',
        `/distributor-accounts/${account.distributor}/test-connection`,
      );
      setMessage(result.ok ? 'Connection works' : `Connection refused: ${result.reason ?? 'no reason given'}`);
    } catch (error) {
      setMessage(errorText(error));
    }
  };

  const ready = account.configured && (!requires?.taxIdOnFile || account.taxIdOnFile) && (!requires?.creditCardOnFile || account.creditCardOnFile);
  return (
    <form className="card account" onSubmit={saveCredentials} aria-label={`${account.name} account`}>
      <h3>
        {account.name} <span className={`status ${ready ? 'status-ready' : 'status-not_ready'}`}>{ready ? 'ready' : 'not ready'}</span>
      </h3>
      <p className="muted">{account.configured ? `Credentials saved ${dateTime(account.credentialsSavedAt)}` : 'No credentials saved'}</p>
      {account.credentialFields.map((name) => (
        <Field
          key={name}
          label={`${account.name} ${distributor?.credentialLabels[name] ?? name}`}
          type="password"
          autoComplete="off"
          placeholder={account.configured ? 'saved (hidden); type to replace' : ''}
          value={credentials[name] ?? ''}
          onChange={(e) => setCredentials({ ...credentials, [name]: e.target.value })}
          error={errors[name]}
        />
      ))}
      {requires?.taxIdOnFile && (
        <div className="field checkbox">
          <input
            id={`${account.distributor}-tax-id`}
            type="checkbox"
            checked={account.taxIdOnFile}
            onChange={(e) => void put({ taxIdOnFile: e.target.checked }, 'Saved')}
          />
          <label htmlFor={`${account.distributor}-tax-id`}>Tax ID on file with {account.name}</label>
        </div>
      )}
      {requires?.creditCardOnFile && (
        <div className="field checkbox">
          <input
            id={`${account.distributor}-card`}
            type="checkbox"
            checked={account.creditCardOnFile}
            onChange={(e) => void put({ creditCardOnFile: e.target.checked }, 'Saved')}
          />
          <label htmlFor={`${account.distributor}-card`}>Credit card on file with {account.name}</label>
        </div>
      )}
      {errors.form && <p className="error-text">{errors.form}</p>}
      <div className="actions">
        <button type="submit" className="small" disabled={Object.values(credentials).every((v) => !v)}>
          Save credentials
        </button>
        <button type="button" className="secondary small" disabled={!account.configured} onClick={() => void test()}>
          Test connection
        </button>
      </div>
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
    </form>
  );
}
