import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../../domain/accounts.js';
import { ROLES } from '../../domain/roles.js';
import { timestamp } from './common.js';

export const roleSchema = z.enum(ROLES, { error: `Role must be one of ${ROLES.join(', ')}` });

export const emailField = z
  .string({ error: (issue) => (issue.input === undefined ? 'Email is required' : 'Email must be text') })
  .trim()
  .max(254, 'Email must be at most 254 characters')
  .pipe(z.email({ error: 'Email must be an address such as alex@example.com' }));

export const newPassword = z
  .string({ error: (issue) => (issue.input === undefined ? 'Password is required' : 'Password must be text') })
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'Password must be at most 200 characters');

/** A one-time token from an emailed link. */
export const linkToken = z
  .string({ error: (issue) => (issue.input === undefined ? 'The link’s token is required' : 'The link’s token must be text') })
  .min(1, 'The link’s token is required')
  .max(200, 'This link is not one Dropline sent');

export const userSchema = z
  .strictObject({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    disabledAt: timestamp.nullable().describe('When an owner disabled the user; null while they may sign in'),
    createdAt: timestamp,
  })
  .meta({ id: 'User' });

/** Who is asking: the signed-in user (null for an API key), the role, the dealer, and the token browser writes must echo. */
export const sessionSchema = z
  .strictObject({
    user: z.strictObject({ id: z.uuid(), email: z.string(), name: z.string() }).nullable().describe('Null when an API key is asking'),
    role: roleSchema,
    dealer: z.strictObject({ id: z.string(), name: z.string() }),
    csrfToken: z.string().nullable().describe('Send it as X-CSRF-Token with every write made with the session cookie; null for an API key'),
  })
  .meta({ id: 'Session' });

export const invitationSchema = z.strictObject({ id: z.uuid(), email: z.string(), role: roleSchema, expiresAt: timestamp }).meta({ id: 'Invitation' });
