import { useState, type FormEvent } from 'react';
import { api, ApiError, errorText } from '../api';
import { Field } from '../components/ui';
import { Link } from '../router';
import type { Session } from '../session';

/** The token of an emailed link: it travels in the URL's fragment, never sent to a server. */
const tokenFromLink = () => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';

const problem = (caught: unknown) => (caught instanceof ApiError ? (caught.fields[0]?.message ?? caught.message) : errorText(caught));

/** Where a password-reset email leads: choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api('POST', '/password-reset/complete', { token: tokenFromLink(), password });
      setDone(true);
    } catch (caught) {
      setError(problem(caught));
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>Choose a new password</h1>
      {done ? (
        <p className="banner ok" role="status">
          Your new password is set, and every other sign-in has ended. <Link to="/">Sign in</Link>
        </p>
      ) : (
        <form onSubmit={submit} className="card" aria-label="Choose a new password">
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={error}
            autoFocus
          />
          <button type="submit" disabled={password === ''}>
            Set password
          </button>
        </form>
      )}
    </main>
  );
}

/** Where an invitation email leads: choose a name and password, and be signed in. */
export function AcceptInvitationPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      onSignedIn(await api<Session>('POST', '/invitations/accept', { token: tokenFromLink(), name: name.trim(), password }));
    } catch (caught) {
      setError(problem(caught));
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>Join your team on Dropline</h1>
      <form onSubmit={submit} className="card" aria-label="Accept the invitation">
        <Field label="Your name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <Field
          label="Choose a password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && (
          <p className="banner error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={name.trim() === '' || password === ''}>
          Join and sign in
        </button>
      </form>
    </main>
  );
}
