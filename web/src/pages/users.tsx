import { useId, useState, type FormEvent } from 'react';
import { api, ApiError, errorText } from '../api';
import { ErrorBanner, Field, Loading } from '../components/ui';
import { dateTime } from '../format';
import { useApi } from '../hooks';
import { useSession, type Role } from '../session';
import type { Answer } from '../types';

type Users = Answer<'/v1/users', 'get'>;
type User = Users['users'][number];

const ROLES: Array<{ value: Role; label: string }> = [
  { value: 'viewer', label: 'Viewer — reads only' },
  { value: 'staff', label: 'Staff — orders, POs, exceptions' },
  { value: 'owner', label: 'Owner — also users, accounts, settings' },
];

/** The dealer's people, for owners: who can sign in with which role, invitations by email, and turning someone off. */
export function UsersPage() {
  const users = useApi<Users>('/users');
  const me = useSession().user;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [emailError, setEmailError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const roleId = useId();

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(undefined);
    try {
      const sent = await api<Answer<'/v1/users/invitations', 'post', 201>>('POST', '/users/invitations', { email: email.trim(), role });
      setNotice(`Invitation emailed to ${sent.email} as ${sent.role}. The link works once, until ${dateTime(sent.expiresAt)}.`);
      setEmail('');
      setEmailError(undefined);
      await users.reload();
    } catch (error) {
      setEmailError(error instanceof ApiError ? (error.fields[0]?.message ?? error.message) : errorText(error));
    }
  };

  const change = async (user: User, body: { role?: Role; disabled?: boolean }, done: string) => {
    setActionError(undefined);
    setNotice(undefined);
    try {
      await api('PATCH', `/users/${user.id}`, body);
      setNotice(done);
      await users.reload();
    } catch (error) {
      setActionError(errorText(error));
    }
  };

  return (
    <section>
      <h1>Users</h1>
      <ErrorBanner error={users.error ?? actionError} />
      {notice && (
        <p className="banner ok" role="status">
          {notice}
        </p>
      )}
      <form className="card row" onSubmit={invite} aria-label="Invite someone">
        <Field label="Email to invite" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={emailError} />
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={email.trim() === ''}>
          Send invitation
        </button>
      </form>
      {!users.data && !users.error && <Loading what="users" />}
      {users.data && (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((user) => (
              <tr key={user.id}>
                <td data-label="Name">{user.name}</td>
                <td data-label="Email">{user.email}</td>
                <td data-label="Role">
                  <select
                    aria-label={`Role of ${user.name}`}
                    value={user.role}
                    onChange={(e) => void change(user, { role: e.target.value as Role }, `${user.name} is now ${e.target.value}.`)}
                  >
                    {ROLES.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.value}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-label="Status">
                  {user.disabledAt ? `disabled ${dateTime(user.disabledAt)} ` : 'can sign in '}
                  {user.id !== me?.id && (
                    <button
                      type="button"
                      className="small secondary"
                      onClick={() =>
                        void change(
                          user,
                          { disabled: !user.disabledAt },
                          user.disabledAt ? `${user.name} can sign in again.` : `${user.name} is disabled and signed out everywhere.`,
                        )
                      }
                    >
                      {user.disabledAt ? `Enable ${user.name}` : `Disable ${user.name}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {users.data.invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td data-label="Name">
                  <em>invited</em>
                </td>
                <td data-label="Email">{invitation.email}</td>
                <td data-label="Role">{invitation.role}</td>
                <td data-label="Status">link works until {dateTime(invitation.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
