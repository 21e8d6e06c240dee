import { useState, type FormEvent } from 'react';
import { api, ApiError, errorText } from '../api';
import { ErrorBanner, Field, Section } from '../components/ui';
import { dateTime } from '../format';
import { useApi } from '../hooks';
import type { Answer } from '../types';

type ApiKey = Answer<'/v1/api-keys', 'get'>['apiKeys'][number];

/** The dealer's API keys: a new key is shown once, right after it is made; any key can be revoked. */
export function ApiKeys() {
  const keys = useApi<Answer<'/v1/api-keys', 'get'>>('/api-keys');
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKey['role']>('staff');
  const [nameError, setNameError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [actionError, setActionError] = useState<string>();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const made = await api<Answer<'/v1/api-keys', 'post', 201>>('POST', '/api-keys', { name, role });
      setCreated(made);
      setName('');
      setNameError(undefined);
      await keys.reload();
    } catch (error) {
      setNameError(error instanceof ApiError ? (error.fields.find((f) => f.field === 'body.name')?.message ?? error.message) : errorText(error));
    }
  };

  const revoke = async (key: ApiKey) => {
    try {
      await api('DELETE', `/api-keys/${key.id}`);
      await keys.reload();
    } catch (error) {
      setActionError(errorText(error));
    }
  };

  return (
    <Section title="API keys" id="api-keys">
      <ErrorBanner error={keys.error ?? actionError} />
      {created && (
        <p className="banner ok" role="status">
          New key “{created.name}”: <code>{created.key}</code> — copy it now; it is not shown again.
        </p>
      )}
      {keys.data && (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.apiKeys.map((key) => (
              <tr key={key.id}>
                <td data-label="Name">{key.name}</td>
                <td data-label="Starts with">
                  <code>{key.prefix}…</code>
                </td>
                <td data-label="Role">{key.role}</td>
                <td data-label="Created">{dateTime(key.createdAt)}</td>
                <td data-label="Status">
                  {key.revokedAt ? (
                    `revoked ${dateTime(key.revokedAt)}`
                  ) : (
                    <button type="button" className="small secondary" onClick={() => void revoke(key)} aria-label={`Revoke key ${key.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="row" onSubmit={create} aria-label="Create an API key">
        <Field label="New key name" value={name} onChange={(e) => setName(e.target.value)} error={nameError} />
        <div className="field">
          <label htmlFor="new-key-role">What the key may do</label>
          <select id="new-key-role" value={role} onChange={(e) => setRole(e.target.value as ApiKey['role'])}>
            <option value="viewer">Viewer — read only</option>
            <option value="staff">Staff — orders, POs, exceptions</option>
            <option value="owner">Owner — everything</option>
          </select>
        </div>
        <button type="submit">Create key</button>
      </form>
    </Section>
  );
}
