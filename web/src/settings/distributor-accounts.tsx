import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { ErrorBanner, Field, Loading, Section } from '../components/ui';
import { useDistributors } from '../distributors';
import { dateTime } from '../format';
import { useApi } from '../hooks';
import type { Answer, Distributor, DistributorAccount } from '../types';
import { fieldErrors, testOutcome } from './field-errors';

/** Per distributor: write-only credentials, what it still needs before it takes orders, a connection test, and removal. */
export function DistributorAccounts() {
  const accounts = useApi<Answer<'/v1/distributor-accounts', 'get'>>('/distributor-accounts');
  const distributors = useDistributors();
  return (
    <Section title="Distributor accounts" id="distributors">
      <p className="muted">Credentials are encrypted when saved and never shown again. A distributor takes drop-ship orders once its account is ready.</p>
      <ErrorBanner error={accounts.error} />
      {!accounts.data && !accounts.error && <Loading what="distributor accounts" />}
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

  const run = async (call: () => Promise<unknown>, done: string) => {
    setMessage(undefined);
    try {
      await call();
      setErrors({});
      setCredentials({});
      setMessage(done);
      await onSaved();
    } catch (error) {
      setErrors(fieldErrors(error));
    }
  };
  const put = (body: object, done: string) => run(() => api('PUT', `/distributor-accounts/${account.distributor}`, body), done);

  const saveCredentials = (event: FormEvent) => {
    event.preventDefault();
    // Blank boxes are left out, so the API names each missing field at its box.
    const filled = Object.fromEntries(Object.entries(credentials).filter(([, value]) => value.trim() !== ''));
    void put({ credentials: filled }, 'Credentials saved');
  };

  const test = async () => {
    setMessage('Testing…');
    try {
      setMessage(
        testOutcome(
          await api<Answer<'/v1/distributor-accounts/{distributor}/test-connection', 'post'>>(
            'POST',
            `/distributor-accounts/${account.distributor}/test-connection`,
          ),
        ),
      );
    } catch (error) {
      setMessage(errorText(error));
    }
  };

  const checkbox = (fact: 'taxIdOnFile' | 'creditCardOnFile', label: string) => (
    <div className="field checkbox">
      <input id={`${account.distributor}-${fact}`} type="checkbox" checked={account[fact]} onChange={(e) => void put({ [fact]: e.target.checked }, 'Saved')} />
      <label htmlFor={`${account.distributor}-${fact}`}>
        {label} with {account.name}
      </label>
    </div>
  );

  return (
    <form className="card account" onSubmit={saveCredentials} aria-label={`${account.name} account`} noValidate>
      <h3>
        {account.name} <span className={`status ${account.ready ? 'status-ready' : 'status-not_ready'}`}>{account.ready ? 'ready' : 'not ready'}</span>
      </h3>
      <p className="muted">{account.configured ? `Credentials saved ${dateTime(account.credentialsSavedAt)}` : 'No credentials saved'}</p>
      {account.missing.length > 0 && (
        <ul className="reasons" aria-label={`Still needed for ${account.name}`}>
          {account.missing.map((missing) => (
            <li key={missing}>{missing}</li>
          ))}
        </ul>
      )}
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
      {requires?.taxIdOnFile && checkbox('taxIdOnFile', 'Tax ID on file')}
      {requires?.creditCardOnFile && checkbox('creditCardOnFile', 'Credit card on file')}
      {(errors.form ?? errors.credentials) && (
        <p className="error-text" role="alert">
          {errors.form ?? errors.credentials}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="small">
          Save credentials
        </button>
        <button type="button" className="secondary small" disabled={!account.configured} onClick={() => void test()}>
          Test connection
        </button>
        {account.configured && (
          <button
            type="button"
            className="secondary small"
            onClick={() => void run(() => api('DELETE', `/distributor-accounts/${account.distributor}/credentials`), 'Credentials removed')}
          >
            Remove credentials
          </button>
        )}
      </div>
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
    </form>
  );
}
