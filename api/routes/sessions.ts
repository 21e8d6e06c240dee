import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findDealer } from '../../db/repositories/dealers.js';
import {
  acceptInvitation,
  clearLoginFailures,
  completePasswordReset,
  createPasswordReset,
  createSession,
  deleteSession,
  deleteSessionByTokenHash,
  deleteUserSessions,
  findUserForSignIn,
  recentLoginFailures,
  recordLoginFailure,
} from '../../db/repositories/users.js';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import { passwordResetEmail } from '../../notifications/account-emails.js';
import { decoyHash, hashPassword, newToken, tokenHash, verifyPassword } from '../../security/passwords.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth.js';
import type { AccountDeps } from '../deps.js';
import { emailField, linkToken, newPassword, sessionSchema } from '../schemas/accounts.js';
import { errorResponses, noContent, text, V1_ERRORS } from '../schemas/common.js';

const PUBLIC = { security: [] as Array<Record<string, string[]>> };
const PUBLIC_ERRORS = [400, 429] as const;

/**
 * The routes a person reaches before signing in: sign-in, asking for and using a password-reset link,
 * accepting an invitation. Outside the dealer gate, limited per client (api/rate-limit.ts).
 */
export function publicAccountRoutes(db: Db, accounts: AccountDeps): FastifyPluginAsyncZod {
  const { policy } = accounts;
  return async (app) => {
    app.post(
      '/session',
      {
        config: { public: true },
        schema: {
          ...PUBLIC,
          tags: ['sessions'],
          summary: 'Sign in with email and password: sets the session cookie (a new session each time)',
          description: `After ${policy.lockout.failures} failed sign-ins for one email within ${policy.lockout.windowMs / 60_000} minutes, that email is locked out until the window has passed, even with the right password.`,
          body: z.strictObject({ email: emailField, password: z.string({ error: 'Password is required' }).min(1, 'Password is required').max(200) }),
          response: {
            200: sessionSchema.describe('Signed in: the session cookie is set'),
            401: errorResponses(401)[401].describe('The email or password is wrong'),
            ...errorResponses(...PUBLIC_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const { email, password } = request.body;
        const failures = await recentLoginFailures(db, email, new Date(Date.now() - policy.lockout.windowMs));
        if (failures.count >= policy.lockout.failures) {
          const minutes = Math.max(1, Math.ceil((failures.last!.getTime() + policy.lockout.windowMs - Date.now()) / 60_000));
          reply.header('retry-after', minutes * 60);
          throw new DomainError(
            'RATE_LIMITED',
            `Too many failed sign-ins for this email; try again in ${minutes} minute${minutes === 1 ? '' : 's'} or reset your password.`,
          );
        }
        const user = await findUserForSignIn(db, email);
        // Unknown emails are checked against a decoy hash, so they take as long as a wrong password.
        const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
        if (!user || !matches || user.disabledAt) {
          await recordLoginFailure(db, email, request.ip, policy.lockout.windowMs);
          throw new DomainError('UNAUTHORIZED', 'The email or password is wrong.');
        }
        await clearLoginFailures(db, email);
        return signIn(db, request, reply, user, policy.sessionTtlMs);
      },
    );

    app.post(
      '/password-reset',
      {
        config: { public: true },
        schema: {
          ...PUBLIC,
          tags: ['sessions'],
          summary: 'Ask for a password-reset link by email (always 202, whether or not the email has an account)',
          body: z.strictObject({ email: emailField }),
          response: {
            202: z.strictObject({ message: z.string() }).describe('Taken: if the email has an account, a one-time link is on its way'),
            ...errorResponses(...PUBLIC_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const user = await findUserForSignIn(db, request.body.email);
        if (user && !user.disabledAt) {
          const { token, hash } = newToken();
          const expiresAt = new Date(Date.now() + policy.passwordResetTtlMs);
          const reset = await createPasswordReset(db, { userId: user.id, tokenHash: hash, expiresAt });
          const dealer = await findDealer(db, user.dealerId);
          // The token travels in the fragment, which browsers never send to a server or in a Referer.
          const link = `${accounts.publicUrl}/reset-password#token=${token}`;
          const message = passwordResetEmail({ from: accounts.emailFrom, to: user.email, dealerName: dealer?.name ?? 'your dealership', link, expiresAt });
          // Answered the same either way, so a failed send must not show: it is logged for the operator.
          await accounts.email
            .send(message, `password-reset:${reset.id}`)
            .catch((error: unknown) => request.log.error({ err: error }, 'password reset email failed'));
        }
        return reply.status(202).send({ message: 'If this email has an account, a link to choose a new password is on its way.' });
      },
    );

    app.post(
      '/password-reset/complete',
      {
        config: { public: true },
        schema: {
          ...PUBLIC,
          tags: ['sessions'],
          summary: "Set a new password with a reset link's token; the link works once, and every session of the user ends",
          body: z.strictObject({ token: linkToken, password: newPassword }),
          response: {
            204: noContent('The new password is set; sign in with it'),
            422: errorResponses(422)[422].describe('The link is unknown, expired or already used'),
            ...errorResponses(...PUBLIC_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const user = await completePasswordReset(db, tokenHash(request.body.token), await hashPassword(request.body.password));
        if (!user) throw new DomainError('UNPROCESSABLE', 'This reset link has expired or was already used; ask for a new one.');
        await clearLoginFailures(db, user.email);
        return reply.status(204).send();
      },
    );

    app.post(
      '/invitations/accept',
      {
        config: { public: true },
        schema: {
          ...PUBLIC,
          tags: ['sessions'],
          summary: "Accept an owner's invitation: choose a name and password, and be signed in",
          body: z.strictObject({ token: linkToken, name: text('Your name', 100), password: newPassword }),
          response: {
            200: sessionSchema.describe('Joined and signed in: the session cookie is set'),
            409: errorResponses(409)[409].describe('The email already has an account'),
            422: errorResponses(422)[422].describe('The invitation is unknown, expired or already used'),
            ...errorResponses(...PUBLIC_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const user = await acceptInvitation(db, tokenHash(request.body.token), {
          name: request.body.name,
          passwordHash: await hashPassword(request.body.password),
        });
        if (user === 'invalid') throw new DomainError('UNPROCESSABLE', 'This invitation has expired or was already used; ask the owner for a new one.');
        if (user === 'taken') throw new DomainError('CONFLICT', 'This email already has an account; sign in or reset its password.');
        return signIn(db, request, reply, user, policy.sessionTtlMs);
      },
    );
  };
}

/** The signed-in side: who am I, sign out, sign out everywhere. Any role may call them. */
export function sessionRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/session',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Who is asking: the signed-in user (or the API key), the role, the dealer, and the CSRF token',
          response: { 200: sessionSchema.describe('Who is asking'), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const dealer = (await findDealer(db, request.dealerId))!;
        const user = request.session?.user;
        return {
          user: user ? { id: user.id, email: user.email, name: user.name } : null,
          role: request.role,
          dealer: { id: dealer.id, name: dealer.name },
          csrfToken: request.session?.csrfToken ?? null,
        };
      },
    );

    app.delete(
      '/session',
      {
        config: { minRole: 'viewer' },
        schema: {
          tags: ['sessions'],
          summary: 'Sign out this browser (with an API key: nothing to do)',
          response: { 204: noContent('Signed out; the cookie is cleared'), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request, reply) => {
        if (request.session) await deleteSession(db, request.session.id);
        clearSessionCookie(reply);
        return reply.status(204).send();
      },
    );

    app.post(
      '/session/sign-out-everywhere',
      {
        config: { minRole: 'viewer' },
        schema: {
          tags: ['sessions'],
          summary: 'End every session of the signed-in user, this one included (with an API key: nothing to do)',
          response: { 204: noContent('Signed out everywhere'), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request, reply) => {
        if (request.session) await deleteUserSessions(db, request.session.user.id);
        clearSessionCookie(reply);
        return reply.status(204).send();
      },
    );
  };
}

/** A new session for each sign-in (the one the browser came with, if any, ends), its cookie, and who signed in. */
async function signIn(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  user: { id: string; dealerId: string; email: string; name: string; role: Role },
  ttlMs: number,
) {
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await deleteSessionByTokenHash(db, tokenHash(previous));
  const { token, hash } = newToken();
  const csrfToken = newToken().token;
  const expiresAt = new Date(Date.now() + ttlMs);
  await createSession(db, { userId: user.id, dealerId: user.dealerId, tokenHash: hash, csrfToken, expiresAt });
  setSessionCookie(reply, token, expiresAt);
  const dealer = (await findDealer(db, user.dealerId))!;
  return { user: { id: user.id, email: user.email, name: user.name }, role: user.role, dealer: { id: dealer.id, name: dealer.name }, csrfToken };
}
