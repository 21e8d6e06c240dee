import { useState, type FormEvent } from 'react';
import { api, ApiError, errorText, session } from '../api';
import { Field } from '../components/ui';

/** Sign-in with a dealer API key; the key stays in this tab's sessionStorage only. */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [user, setUser] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('GET', '/orders?limit=1', undefined, key.trim());
      session.signIn(key.trim(), user.trim());
      onSignedIn();
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? 'This API key is unknown or has been revoked' : errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Dropline</h1>
      <form onSubmit={submit} className="card">
        <Field label="Dealer API key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} error={error} autoFocus />
        <Field label="Your name or email" hint="Shown in the audit trail next to what you do" value={user} onChange={(e) => setUser(e.target.value)} />
        <button type="submit" disabled={busy || key.trim() === ''}>
          Sign in
        </button>
      </form>
    </main>
  );
}
