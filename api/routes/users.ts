import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findDealer } from '../../db/repositories/dealers.js';
import { createInvitation, emailTaken, listPendingInvitations, listUsers, updateUser, type UserSummary } from '../../db/repositories/users.js';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { invitationEmail } from '../../notifications/account-emails.js';
import { newToken } from '../../security/passwords.js';
import type { AccountDeps } from '../deps.js';
import { emailField, invitationSchema, roleSchema, userSchema } from '../schemas/accounts.js';
import { errorResponses, uuidParam, V1_ERRORS } from '../schemas/common.js';

/** The dealer's people, for owners: list, invite by email with a role, change a role, disable. */
export function userRoutes(db: Db, accounts: AccountDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: "The dealer's users, oldest first, and the invitations not yet accepted",
          response: {
            200: z.strictObject({ users: z.array(userSchema), invitations: z.array(invitationSchema) }).describe('Users and open invitations'),
            ...errorResponses(...V1_ERRORS),
          },
        },
      },
      async (request) => ({
        users: (await listUsers(db, request.dealerId)).map(shown),
        invitations: await listPendingInvitations(db, request.dealerId),
      }),
    );

    app.post(
      '/users/invitations',
      {
        schema: {
          tags: ['users'],
          summary: 'Invite someone by email with a role; the email carries a one-time link to join',
          body: z.strictObject({ email: emailField, role: roleSchema }),
          response: {
            201: invitationSchema.describe('Invited; the email is on its way'),
            409: errorResponses(409)[409].describe('The email already has an account'),
            503: errorResponses(503)[503].describe('The invitation is saved but its email could not be sent; invite again'),
            ...errorResponses(...V1_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const { email, role } = request.body;
        if (await emailTaken(db, email)) throw new DomainError('CONFLICT', `${email} already has an account.`);
        const { token, hash } = newToken();
        const expiresAt = new Date(Date.now() + accounts.policy.invitationTtlMs);
        const invitation = await createInvitation(db, { dealerId: request.dealerId, email, role, tokenHash: hash, expiresAt }, request.actor);
        const dealer = (await findDealer(db, request.dealerId))!;
        const link = `${accounts.publicUrl}/accept-invitation#token=${token}`;
        try {
          await accounts.email.send(
            invitationEmail({ from: accounts.emailFrom, to: email, dealerName: dealer.name, role, link, expiresAt }),
            `invitation:${invitation.id}`,
          );
        } catch (error) {
          request.log.error({ err: error }, 'invitation email failed');
          throw new DomainError('UNAVAILABLE', 'The invitation is saved but its email could not be sent; try inviting again shortly.');
        }
        return reply.status(201).send(invitation);
      },
    );

    app.patch(
      '/users/:userId',
      {
        schema: {
          tags: ['users'],
          summary: "Change a user's role, or disable (signing them out everywhere) or enable them",
          params: z.object({ userId: uuidParam('User id') }),
          body: z.strictObject({ role: roleSchema.optional(), disabled: z.boolean({ error: 'Disabled must be true or false' }).optional() }),
          response: {
            200: userSchema.describe('The user as changed'),
            404: errorResponses(404)[404],
            409: errorResponses(409)[409].describe('The change would leave the dealer without an owner who can sign in'),
            ...errorResponses(...V1_ERRORS),
          },
        },
      },
      async (request) => {
        const updated = await updateUser(db, request.dealerId, request.params.userId, request.body, request.actor);
        if (updated === null) throw new DomainError('NOT_FOUND', 'No such user');
        if (updated === 'last_owner') throw new DomainError('CONFLICT', 'This is the only owner who can sign in; make someone else an owner first.');
        return shown(updated);
      },
    );
  };
}

/** A user as the API shows them (the dealer is the caller's own). */
const shown = ({ dealerId: _dealerId, ...user }: UserSummary) => user;
