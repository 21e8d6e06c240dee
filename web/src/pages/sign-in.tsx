import { useState, type FormEvent } from 'react';
import { api, ApiError, errorText } from '../api';
import { Field } from '../components/ui';
import type { Session } from '../session';

/** Sign-in with email and password; "Forgot password?" asks for a reset link by email instead. */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);
  const [resetSent, setResetSent] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (forgot) {
        await api('POST', '/password-reset', { email: email.trim() });
        setResetSent(true);
      } else {
        onSignedIn(await api<Session>('POST', '/session', { email: email.trim(), password }));
      }
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.fields[0]?.message ?? caught.message) : errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>{forgot ? 'Reset your password' : 'Sign in to Dropline'}</h1>
      <form onSubmit={submit} className="card" aria-label={forgot ? 'Reset your password' : 'Sign in'}>
        <Field label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        {!forgot && <Field label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        {error && (
          <p className="banner error" role="alert">
            {error}
          </p>
        )}
        {resetSent && (
          <p className="banner ok" role="status">
            If {email.trim()} has an account, a link to choose a new password is on its way. It works once, for an hour.
          </p>
        )}
        <button type="submit" disabled={busy || email.trim() === '' || (!forgot && password === '')}>
          {forgot ? 'Email me a reset link' : 'Sign in'}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => {
            setForgot(!forgot);
            setError(undefined);
            setResetSent(false);
          }}
        >
          {forgot ? 'Back to sign-in' : 'Forgot password?'}
        </button>
      </form>
    </main>
  );
}
