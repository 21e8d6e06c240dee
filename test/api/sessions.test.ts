import { and, eq, sql } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOwner } from '../../db/demo-data.js';
import { auditEvents, passwordResets, sessions, users } from '../../db/schema/index.js';
import { hashPassword, tokenHash } from '../../security/passwords.js';
import { sessionFrom, signInOverHttp } from '../helpers/sessions.js';
import { startStack, type Stack } from '../helpers/stack.js';

const credentials = ({ email, password }: { email: string; password: string }) => ({ email, password });
const LOCKOUT = { failures: 3, windowMs: 60_000 };

/** Staff sign-in over HTTP: cookies, CSRF, lockout, sign-out, expiry, one-time reset and invitation links, and the audit trail. */
describe('sessions', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ accounts: { lockout: LOCKOUT } });
  });
  afterAll(async () => stack?.stop());

  const inject = (method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, headers: Record<string, string> = {}, payload?: object) =>
    stack.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  /** The newest email the Resend sandbox received for this address. */
  const lastEmailTo = async (to: string) => {
    const { data } = (await (await fetch(`${stack.resendUrl}/_control/emails`)).json()) as { data: Array<{ to: string[]; text: string; subject: string }> };
    return data.filter((email) => email.to.includes(to)).at(-1);
  };
  const tokenIn = (text: string, page: string) => new RegExp(`/${page}#token=([\\w-]+)`).exec(text)![1]!;

  it('signs in with email in any case and sets an HttpOnly, Secure, SameSite=Strict cookie; a new session each time', async () => {
    const first = await inject('POST', '/v1/session', {}, { email: stack.owner.email.toUpperCase(), password: stack.owner.password });
    expect(first.statusCode).toBe(200);
    const header = String(first.headers['set-cookie']);
    expect(header).toMatch(/^dropline_session=[\w-]+;/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('Secure');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/');
    expect(first.json()).toMatchObject({ user: { email: stack.owner.email, name: 'Alex Owner' }, role: 'owner', dealer: { id: stack.dealerId } });
    const session = sessionFrom(first);
    // Only the token's hash is stored.
    const [stored] = await stack.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, tokenHash(session.cookie.split('=')[1]!)));
    expect(stored).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(session.cookie.split('=')[1]);

    const me = await inject('GET', '/v1/session', session.headers());
    expect(me.json()).toEqual({
      user: expect.objectContaining({ email: stack.owner.email }),
      role: 'owner',
      dealer: expect.any(Object),
      csrfToken: session.csrfToken,
    });

    // Signing in again from the same browser rotates: a new session, the old cookie dead.
    const again = await inject('POST', '/v1/session', { cookie: session.cookie }, credentials(stack.owner));
    expect(sessionFrom(again).cookie).not.toBe(session.cookie);
    expect((await inject('GET', '/v1/session', session.headers())).statusCode).toBe(401);
  });

  it('refuses a wrong password and an unknown email alike, without saying which', async () => {
    const wrong = await inject('POST', '/v1/session', {}, { email: stack.owner.email, password: 'not the password' });
    const unknown = await inject('POST', '/v1/session', {}, { email: 'nobody@example.com', password: 'not the password' });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a cookie write without the CSRF token or with a wrong one; an API key needs none', async () => {
    const session = await signInOverHttp(stack.app, stack.owner);
    const write = (headers: Record<string, string>) => inject('PATCH', '/v1/settings', headers, { stockBuffer: 2 });
    const attempts: Array<Record<string, string>> = [
      { cookie: session.cookie },
      { cookie: session.cookie, 'x-csrf-token': 'forged' },
      { cookie: session.cookie, 'x-csrf-token': '' },
    ];
    for (const headers of attempts) {
      const refused = await write(headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('security token') });
    }
    expect((await write(session.headers(true))).statusCode).toBe(200);
    expect((await write(stack.auth)).statusCode).toBe(200);
    // Another session's token is not this one's.
    const other = await signInOverHttp(stack.app, stack.owner);
    expect((await write({ cookie: session.cookie, 'x-csrf-token': other.csrfToken })).statusCode).toBe(403);
  });

  it('locks an email out after repeated failures, even for the right password, until the window passes', async () => {
    const staff = await stack.createUser('staff');
    for (let i = 0; i < LOCKOUT.failures; i++)
      expect((await inject('POST', '/v1/session', {}, { email: staff.email, password: `wrong-${i}` })).statusCode).toBe(401);
    const locked = await inject('POST', '/v1/session', {}, credentials(staff));
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/Too many failed sign-ins for this email; try again in 1 minute/);
    expect(locked.headers['set-cookie']).toBeUndefined();
    // Other emails are not locked.
    expect((await inject('POST', '/v1/session', {}, credentials(stack.owner))).statusCode).toBe(200);
    // Once the failures are older than the window, the right password works again (and clears the count).
    await stack.db.execute(sql`update login_failures set at = at - interval '2 minutes' where email = ${staff.email.toLowerCase()}`);
    expect((await inject('POST', '/v1/session', {}, credentials(staff))).statusCode).toBe(200);
  });

  it('signs out this browser, and everywhere', async () => {
    const here = await signInOverHttp(stack.app, stack.owner);
    const phone = await signInOverHttp(stack.app, stack.owner);
    const laptop = await signInOverHttp(stack.app, stack.owner);
    const signedOut = await inject('DELETE', '/v1/session', here.headers(true));
    expect(signedOut.statusCode).toBe(204);
    expect(String(signedOut.headers['set-cookie'])).toMatch(/dropline_session=;/);
    expect((await inject('GET', '/v1/session', here.headers())).statusCode).toBe(401);
    expect((await inject('GET', '/v1/session', phone.headers())).statusCode).toBe(200);

    expect((await inject('POST', '/v1/session/sign-out-everywhere', laptop.headers(true))).statusCode).toBe(204);
    for (const session of [phone, laptop]) {
      const refused = await inject('GET', '/v1/orders', session.headers());
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.message).toBe('Your session has ended; sign in again');
    }
  });

  it('ends a session when it expires', async () => {
    const session = await signInOverHttp(stack.app, stack.owner);
    expect((await inject('GET', '/v1/orders', session.headers())).statusCode).toBe(200);
    await stack.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.csrfToken, session.csrfToken));
    expect((await inject('GET', '/v1/orders', session.headers())).statusCode).toBe(401);
  });

  it('emails a reset link through Resend that works once, signs the user out everywhere, and expires', async () => {
    const staff = await stack.createUser('staff');
    const before = await signInOverHttp(stack.app, staff);
    for (const email of [staff.email, 'nobody@example.com']) expect((await inject('POST', '/v1/password-reset', {}, { email })).statusCode).toBe(202);
    expect(await lastEmailTo('nobody@example.com')).toBeUndefined();
    const email = (await lastEmailTo(staff.email))!;
    expect(email.subject).toBe('Reset your Dropline password');
    const token = tokenIn(email.text, 'reset-password');

    const tooShort = await inject('POST', '/v1/password-reset/complete', {}, { token, password: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.details.fields).toEqual([{ field: 'body.password', message: 'Password must be at least 10 characters' }]);
    expect((await inject('POST', '/v1/password-reset/complete', {}, { token, password: 'a brand new password' })).statusCode).toBe(204);
    const reused = await inject('POST', '/v1/password-reset/complete', {}, { token, password: 'another new password' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.message).toBe('This reset link has expired or was already used; ask for a new one.');
    expect((await inject('GET', '/v1/session', before.headers())).statusCode).toBe(401);
    expect((await inject('POST', '/v1/session', {}, { email: staff.email, password: staff.password })).statusCode).toBe(401);
    expect((await inject('POST', '/v1/session', {}, { email: staff.email, password: 'a brand new password' })).statusCode).toBe(200);

    // A link past its expiry is refused, and leaves the password as it was.
    await inject('POST', '/v1/password-reset', {}, { email: staff.email });
    const late = tokenIn((await lastEmailTo(staff.email))!.text, 'reset-password');
    await stack.db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.tokenHash, tokenHash(late)));
    expect((await inject('POST', '/v1/password-reset/complete', {}, { token: late, password: 'too late a password' })).statusCode).toBe(422);
    expect((await inject('POST', '/v1/session', {}, { email: staff.email, password: 'a brand new password' })).statusCode).toBe(200);
  });

  it('lets an owner invite by email; the link signs the new user in once, with the role chosen', async () => {
    const owner = await signInOverHttp(stack.app, stack.owner);
    const invited = await inject('POST', '/v1/users/invitations', owner.headers(true), { email: 'Sam.Staff@Example.com', role: 'staff' });
    expect(invited.statusCode).toBe(201);
    expect((await inject('POST', '/v1/users/invitations', owner.headers(true), { email: stack.owner.email, role: 'staff' })).statusCode).toBe(409);
    const email = (await lastEmailTo('Sam.Staff@Example.com'))!;
    expect(email.subject).toBe('Join Ridge Line Powersports on Dropline');
    const token = tokenIn(email.text, 'accept-invitation');

    const accepted = await inject('POST', '/v1/invitations/accept', {}, { token, name: 'Sam Staff', password: 'sam picks a password' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ user: { email: 'Sam.Staff@Example.com', name: 'Sam Staff' }, role: 'staff' });
    const sam = sessionFrom(accepted);
    expect((await inject('GET', '/v1/orders', sam.headers())).statusCode).toBe(200);
    expect((await inject('POST', '/v1/invitations/accept', {}, { token, name: 'Mallory', password: 'mallory password' })).statusCode).toBe(422);

    // The owner sees Sam, changes the role, then disables Sam, which ends Sam's sessions.
    const listed = (await inject('GET', '/v1/users', owner.headers())).json();
    const samRow = listed.users.find((u: { email: string }) => u.email === 'Sam.Staff@Example.com');
    expect(samRow).toMatchObject({ role: 'staff', disabledAt: null });
    expect((await inject('PATCH', `/v1/users/${samRow.id}`, owner.headers(true), { role: 'viewer' })).json().role).toBe('viewer');
    expect((await inject('PATCH', `/v1/users/${samRow.id}`, owner.headers(true), { disabled: true })).json().disabledAt).toEqual(expect.any(String));
    expect((await inject('GET', '/v1/orders', sam.headers())).statusCode).toBe(401);
    expect((await inject('POST', '/v1/session', {}, { email: 'sam.staff@example.com', password: 'sam picks a password' })).statusCode).toBe(401);

    // The only owner cannot demote or disable themselves.
    const [me] = await stack.db.select().from(users).where(eq(users.email, stack.owner.email));
    const lastOwner = await inject('PATCH', `/v1/users/${me!.id}`, owner.headers(true), { role: 'staff' });
    expect(lastOwner.statusCode).toBe(409);
  });

  it('records the signed-in user on every audit event, whatever X-Acting-User claims; an API key may still name one', async () => {
    const session = await signInOverHttp(stack.app, stack.owner);
    const created = await inject('POST', '/v1/api-keys', { ...session.headers(true), 'x-acting-user': 'someone-else' }, { name: 'by session', role: 'viewer' });
    expect(created.statusCode).toBe(201);
    expect(created.json().role).toBe('viewer');
    const byKey = await inject('POST', '/v1/api-keys', { ...stack.auth, 'x-acting-user': 'integration-bot' }, { name: 'by key' });
    const actorOf = async (keyId: string) =>
      (
        await stack.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.type, 'api_key.created'), eq(auditEvents.dealerId, stack.dealerId)))
      ).find((event) => event.details.keyId === keyId);
    expect(await actorOf(created.json().id)).toMatchObject({ actorType: 'dealer_user', actorId: stack.owner.email });
    expect(await actorOf(byKey.json().id)).toMatchObject({ actorType: 'dealer_user', actorId: 'integration-bot' });
  });

  it('creates a user with `npm run user -- create`, printing a generated password that signs in', async () => {
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/user.ts', ...args], { env: { ...process.env, DATABASE_URL: stack.databaseUrl } });
    const { stdout } = await run('create', '--dealer', stack.dealerId, '--email', 'Pat@Ridgeline.example', '--role', 'viewer');
    const password = /Password \(shown only now\): (\S+)/.exec(stdout)![1]!;
    const signedIn = await inject('POST', '/v1/session', {}, { email: 'pat@ridgeline.example', password });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ role: 'viewer', user: { email: 'Pat@Ridgeline.example' } });
    await expect(run('create', '--dealer', stack.dealerId, '--email', 'pat@ridgeline.example', '--role', 'staff')).rejects.toMatchObject({
      stderr: expect.stringContaining('already has an account'),
    });
  });

  it('seeds the demo owner for `npm run dev`, with a new password each run', async () => {
    const { email } = await seedDemoOwner(stack.db, stack.dealerId, await hashPassword('first run password'));
    await seedDemoOwner(stack.db, stack.dealerId, await hashPassword('second run password'));
    expect((await inject('POST', '/v1/session', {}, { email, password: 'first run password' })).statusCode).toBe(401);
    const signedIn = await inject('POST', '/v1/session', {}, { email, password: 'second run password' });
    expect(signedIn.json()).toMatchObject({ role: 'owner', dealer: { id: stack.dealerId } });
  });
});
