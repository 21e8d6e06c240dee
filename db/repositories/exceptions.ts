import { and, eq, inArray, ne, or, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { listingRefusalCause } from '../../domain/batched-tracking.js';
import type { DistributorId } from '../../domain/distributors.js';
import { CLOSED_BY_SYSTEM, type ExceptionKind, type ExceptionView } from '../../domain/exceptions.js';
import type { Db, Transaction } from '../client.js';
import { auditEvents, exceptions, orders, purchaseOrders } from '../schema/index.js';

export interface NewException {
  dealerId: string;
  orderId?: string | null | undefined;
  poNumber?: string | null | undefined;
  kind: ExceptionKind;
  message: string;
  key: string;
  /** What brought it about: while an exception of this cause is open, raising another does nothing. */
  cause?: string | null | undefined;
}

/**
 * Puts something in front of the dealer once, whatever is retried (one row per key), and never a
 * second time while an exception of the same cause is still open.
 */
export async function raiseException(db: Db | Transaction, exception: NewException): Promise<void> {
  await db
    .insert(exceptions)
    .values({ ...exception, orderId: exception.orderId ?? null, poNumber: exception.poNumber ?? null, cause: exception.cause ?? null })
    // Either unique index may answer: the key (a retry) or the open cause (the same trouble again).
    .onConflictDoNothing();
}

export interface ExceptionFilter {
  status: ExceptionView;
  kind?: ExceptionKind | undefined;
  /** Id of the last exception of the previous page. */
  after?: string | undefined;
  limit: number;
}

/** An inbox entry with the order it is about, as the dealer knows it from the channel. */
const inboxColumns = {
  id: exceptions.id,
  kind: exceptions.kind,
  message: exceptions.message,
  status: exceptions.status,
  orderId: exceptions.orderId,
  channel: orders.channel,
  channelOrderId: orders.channelOrderId,
  poNumber: exceptions.poNumber,
  createdAt: exceptions.createdAt,
  resolvedAt: exceptions.resolvedAt,
  resolvedBy: exceptions.resolvedBy,
  resolution: exceptions.resolution,
};

export type InboxEntry = Awaited<ReturnType<typeof listExceptions>>[number];

/**
 * The dealer's inbox: open (or all) entries newest raised first, resolved ones newest resolved first.
 * Paging continues after a given entry by comparing with that entry's own row, so entries raised or
 * resolved within the same millisecond are neither skipped nor repeated.
 */
export function listExceptions(db: Db, dealerId: string, filter: ExceptionFilter) {
  const at = filter.status === 'resolved' ? sql`resolved_at` : sql`created_at`;
  return db
    .select(inboxColumns)
    .from(exceptions)
    .leftJoin(orders, eq(orders.id, exceptions.orderId))
    .where(
      and(
        eq(exceptions.dealerId, dealerId),
        filter.status === 'all' ? undefined : eq(exceptions.status, filter.status),
        filter.kind ? eq(exceptions.kind, filter.kind) : undefined,
        filter.after
          ? sql`(exceptions.${at}, ${exceptions.id}) < (select e.${at}, e.id from exceptions e where e.id = ${filter.after} and e.dealer_id = ${dealerId})`
          : undefined,
      ),
    )
    .orderBy(sql`exceptions.${at} desc, ${exceptions.id} desc`)
    .limit(filter.limit);
}

async function findInboxEntry(db: Db, dealerId: string, id: string): Promise<InboxEntry | null> {
  const [row] = await db
    .select(inboxColumns)
    .from(exceptions)
    .leftJoin(orders, eq(orders.id, exceptions.orderId))
    .where(and(eq(exceptions.id, id), eq(exceptions.dealerId, dealerId)));
  return row ?? null;
}

/**
 * Marks an exception resolved by the actor and writes that to the audit trail, in one transaction.
 * Resolving it again changes nothing and returns it as first resolved; null when the dealer has no
 * such exception.
 */
export async function resolveException(db: Db, dealerId: string, id: string, actor: Actor): Promise<InboxEntry | null> {
  await db.transaction(async (tx) => {
    const [resolved] = await tx
      .update(exceptions)
      .set({ status: 'resolved', resolvedAt: sql`now()`, resolvedBy: actor.id ?? actor.type })
      .where(and(eq(exceptions.id, id), eq(exceptions.dealerId, dealerId), eq(exceptions.status, 'open')))
      .returning();
    if (!resolved) return;
    await tx.insert(auditEvents).values({
      dealerId,
      orderId: resolved.orderId,
      poNumber: resolved.poNumber,
      actorType: actor.type,
      actorId: actor.id ?? null,
      type: 'exception.resolved',
      summary: `Exception resolved: ${resolved.message}`,
      details: { exceptionId: resolved.id, kind: resolved.kind, message: resolved.message },
    });
  });
  return findInboxEntry(db, dealerId, id);
}

/**
 * Closes an open exception once its cause is gone (the system noticed, not the dealer), keeping why as
 * its resolution, with the audit line in the same transaction. Nothing happens when it is not open.
 */
export async function closeExceptionByKey(db: Db | Transaction, dealerId: string, key: string, why: string): Promise<void> {
  await closeExceptionsWhere(db, dealerId, eq(exceptions.key, key), why);
}

/**
 * Closes the order's open exceptions of these kinds: their cause went with something that happened to
 * the order (it shipped, was cancelled, routes now). `exceptCause` keeps the one whose cause stands.
 */
export async function closeOrderExceptions(
  db: Db | Transaction,
  order: { dealerId: string; orderId: string },
  kinds: readonly ExceptionKind[],
  why: string,
  exceptCause?: string,
): Promise<void> {
  const otherCause = exceptCause === undefined ? undefined : or(isNull(exceptions.cause), ne(exceptions.cause, exceptCause));
  await closeExceptionsWhere(db, order.dealerId, and(eq(exceptions.orderId, order.orderId), inArray(exceptions.kind, [...kinds]), otherCause)!, why);
}

/** Closes a PO's open exceptions of these kinds: what caused them is dealt with (its lines went elsewhere, say). */
export async function closePurchaseOrderExceptions(
  db: Db | Transaction,
  dealerId: string,
  poNumber: string,
  kinds: readonly ExceptionKind[],
  why: string,
): Promise<void> {
  await closeExceptionsWhere(db, dealerId, and(eq(exceptions.poNumber, poNumber), inArray(exceptions.kind, [...kinds]))!, why);
}

/**
 * Closes the "cannot use your account" exceptions of every PO with this distributor, and the one of the
 * account's order listing: the account works again.
 */
export async function closeDistributorAccountExceptions(db: Db, dealerId: string, distributor: DistributorId, why: string): Promise<void> {
  const withDistributor = db
    .select({ poNumber: purchaseOrders.poNumber })
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.distributor, distributor)));
  const about = or(inArray(exceptions.poNumber, withDistributor), eq(exceptions.cause, listingRefusalCause(dealerId, distributor)));
  await closeExceptionsWhere(db, dealerId, and(eq(exceptions.kind, 'distributor_account'), about)!, why);
}

/** Closes the open exception raised under this cause, once what caused it is gone. */
export async function closeExceptionByCause(db: Db | Transaction, dealerId: string, cause: string, why: string): Promise<void> {
  await closeExceptionsWhere(db, dealerId, eq(exceptions.cause, cause), why);
}

async function closeExceptionsWhere(db: Db | Transaction, dealerId: string, which: SQL, why: string): Promise<void> {
  await db.transaction(async (tx) => {
    const closed = await tx
      .update(exceptions)
      .set({ status: 'resolved', resolvedAt: sql`now()`, resolvedBy: CLOSED_BY_SYSTEM, resolution: why })
      .where(and(eq(exceptions.dealerId, dealerId), eq(exceptions.status, 'open'), which))
      .returning();
    for (const exception of closed) {
      await tx.insert(auditEvents).values({
        dealerId,
        orderId: exception.orderId,
        poNumber: exception.poNumber,
        actorType: 'system',
        actorId: null,
        type: 'exception.resolved',
        summary: `Exception closed by itself (${why}): ${exception.message}`,
        details: { exceptionId: exception.id, kind: exception.kind, message: exception.message, resolution: why },
      });
    }
  });
}
