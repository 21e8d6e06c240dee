import { and, asc, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { Role } from '../../domain/roles.js';
import type { Db, Transaction } from '../client.js';
import { auditEvents, invitations, loginFailures, passwordResets, sessions, users } from '../schema/index.js';

/** What may be shown of a user: never the password hash. */
const publicColumns = {
  id: users.id,
  dealerId: users.dealerId,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};
export type UserSummary = Awaited<ReturnType<typeof listUsers>>[number];

const sameEmail = (email: string) => sql`lower(${users.email}) = ${email.toLowerCase()}`;

export async function createUser(
  db: Db | Transaction,
  user: { dealerId: string; email: string; name: string; role: Role; passwordHash: string },
  actor: Actor,
): Promise<UserSummary> {
  const [row] = await db.insert(users).values(user).returning(publicColumns);
  await audit(db, user.dealerId, actor, 'user.created', `${user.name} <${user.email}> joined as ${user.role}`, row!.id);
  return row!;
}

export async function emailTaken(db: Db | Transaction, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(sameEmail(email));
  return Boolean(row);
}

/** The user with this email (any case), with the password hash, to check a sign-in. */
export async function findUserForSignIn(db: Db, email: string) {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(sameEmail(email));
  return row ?? null;
}

export function listUsers(db: Db, dealerId: string) {
  return db.select(publicColumns).from(users).where(eq(users.dealerId, dealerId)).orderBy(asc(users.createdAt), asc(users.id));
}

/**
 * Changes a user's role or disables/enables them. Refused (`last_owner`) when it would leave the dealer
 * without an enabled owner; null when the dealer has no such user. Disabling signs the user out everywhere.
 */
export async function updateUser(
  db: Db,
  dealerId: string,
  userId: string,
  change: { role?: Role | undefined; disabled?: boolean | undefined },
  actor: Actor,
): Promise<UserSummary | null | 'last_owner'> {
  return db.transaction(async (tx) => {
    // Owners are locked in one order so two owners demoting each other cannot both succeed.
    const owners = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.dealerId, dealerId), eq(users.role, 'owner'), isNull(users.disabledAt)))
      .orderBy(asc(users.id))
      .for('update');
    const [user] = await tx
      .select(publicColumns)
      .from(users)
      .where(and(eq(users.id, userId), eq(users.dealerId, dealerId)))
      .for('update');
    if (!user) return null;
    const role = change.role ?? user.role;
    const disabled = change.disabled ?? user.disabledAt !== null;
    const wasLiveOwner = owners.some((o) => o.id === userId);
    if (wasLiveOwner && (role !== 'owner' || disabled) && owners.length === 1) return 'last_owner';
    const [updated] = await tx
      .update(users)
      .set({ role, disabledAt: disabled ? (user.disabledAt ?? new Date()) : null })
      .where(eq(users.id, userId))
      .returning(publicColumns);
    if (role !== user.role) await audit(tx, dealerId, actor, 'user.role_changed', `${user.email} is now ${role} (was ${user.role})`, userId);
    if (disabled !== (user.disabledAt !== null)) {
      await audit(tx, dealerId, actor, disabled ? 'user.disabled' : 'user.enabled', `${user.email} ${disabled ? 'disabled' : 'enabled'}`, userId);
      if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    }
    return updated!;
  });
}

export async function setPassword(db: Db | Transaction, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

// Sessions

export async function createSession(
  db: Db | Transaction,
  session: { userId: string; dealerId: string; tokenHash: string; csrfToken: string; expiresAt: Date },
) {
  const [row] = await db.insert(sessions).values(session).returning({ id: sessions.id });
  return row!;
}

/** The live session with this token hash and its enabled user, or null (unknown, expired, signed out, or user disabled). */
export async function findLiveSession(db: Db, tokenHash: string, now = new Date()) {
  const [row] = await db
    .select({
      id: sessions.id,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: publicColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  return row ?? null;
}

export async function touchSession(db: Db, sessionId: string) {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteSessionByTokenHash(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Signs the user out of every browser but `keep` (the one asking), or of all of them. */
export async function deleteUserSessions(db: Db | Transaction, userId: string, keep?: string) {
  await db.delete(sessions).where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId));
}

// Failed sign-ins

export async function recentLoginFailures(db: Db, email: string, since: Date): Promise<{ count: number; last: Date | null }> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, last: sql<Date | null>`max(${loginFailures.at})` })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email.toLowerCase()), gt(loginFailures.at, since)));
  return { count: row?.count ?? 0, last: row?.last ? new Date(row.last) : null };
}

/** Records a failed sign-in; failures older than the lockout window count for nothing, so they go. */
export async function recordLoginFailure(db: Db, email: string, ip: string, windowMs: number) {
  await db.transaction(async (tx) => {
    await tx.delete(loginFailures).where(and(eq(loginFailures.email, email.toLowerCase()), lt(loginFailures.at, new Date(Date.now() - windowMs))));
    await tx.insert(loginFailures).values({ email: email.toLowerCase(), ip });
  });
}

export async function clearLoginFailures(db: Db, email: string) {
  await db.delete(loginFailures).where(eq(loginFailures.email, email.toLowerCase()));
}

// Invitations and password resets: one-time tokens, stored hashed

export async function createInvitation(db: Db, invitation: { dealerId: string; email: string; role: Role; tokenHash: string; expiresAt: Date }, actor: Actor) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({ ...invitation, invitedBy: actor.id ?? null })
      .returning({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt });
    await audit(tx, invitation.dealerId, actor, 'user.invited', `${invitation.email} invited as ${invitation.role}`, row!.id);
    return row!;
  });
}

/** Invitations not yet accepted and not expired, newest first. */
export function listPendingInvitations(db: Db, dealerId: string, now = new Date()) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.dealerId, dealerId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt));
}

/**
 * Uses the invitation once and creates its user, in one transaction. `invalid` for an unknown,
 * expired or used token; `taken` when the email has meanwhile become a user.
 */
export async function acceptInvitation(db: Db, tokenHash: string, user: { name: string; passwordHash: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
      .returning();
    if (!invitation) return 'invalid' as const;
    if (await emailTaken(tx, invitation.email)) return 'taken' as const;
    const actor: Actor = { type: 'dealer_user', id: invitation.email };
    return createUser(
      tx,
      { dealerId: invitation.dealerId, email: invitation.email, name: user.name, role: invitation.role, passwordHash: user.passwordHash },
      actor,
    );
  });
}

export async function createPasswordReset(db: Db, reset: { userId: string; tokenHash: string; expiresAt: Date }) {
  const [row] = await db.insert(passwordResets).values(reset).returning({ id: passwordResets.id });
  return row!;
}

/** Uses the reset token once: sets the new password and signs the user out everywhere. Null for an unknown, expired or used token. */
export async function completePasswordReset(db: Db, tokenHash: string, passwordHash: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!reset) return null;
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId)).returning(publicColumns);
    await tx.delete(sessions).where(eq(sessions.userId, reset.userId));
    await audit(
      tx,
      user!.dealerId,
      { type: 'dealer_user', id: user!.email },
      'user.password_reset',
      `${user!.email} set a new password from a reset link`,
      user!.id,
    );
    return user!;
  });
}

async function audit(db: Db | Transaction, dealerId: string, actor: Actor, type: string, summary: string, userId: string) {
  await db.insert(auditEvents).values({ dealerId, actorType: actor.type, actorId: actor.id ?? null, type, summary, details: { userId } });
}
