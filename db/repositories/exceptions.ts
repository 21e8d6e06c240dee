import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { ExceptionKind, ExceptionStatus } from '../../domain/exceptions.js';
import type { Db } from '../client.js';
import { auditEvents, exceptions, orders } from '../schema/index.js';

export interface NewException {
  dealerId: string;
  orderId?: string | null | undefined;
  poNumber?: string | null | undefined;
  kind: ExceptionKind;
  message: string;
  key: string;
}

/** Puts something in front of the dealer once, whatever is retried. */
export async function raiseException(db: Db, exception: NewException): Promise<void> {
  await db
    .insert(exceptions)
    .values({ ...exception, orderId: exception.orderId ?? null, poNumber: exception.poNumber ?? null })
    .onConflictDoNothing({ target: exceptions.key });
}

export interface ExceptionFilter {
  status: ExceptionStatus;
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
};

export type InboxEntry = Awaited<ReturnType<typeof listExceptions>>[number];

/**
 * The dealer's inbox, newest first. Paging continues after a given entry by comparing with that
 * entry's own row, so entries raised within the same millisecond are neither skipped nor repeated.
 */
export function listExceptions(db: Db, dealerId: string, filter: ExceptionFilter) {
  return db
    .select(inboxColumns)
    .from(exceptions)
    .leftJoin(orders, eq(orders.id, exceptions.orderId))
    .where(
      and(
        eq(exceptions.dealerId, dealerId),
        eq(exceptions.status, filter.status),
        filter.kind ? eq(exceptions.kind, filter.kind) : undefined,
        filter.after
          ? sql`(${exceptions.createdAt}, ${exceptions.id}) < (select e.created_at, e.id from exceptions e where e.id = ${filter.after} and e.dealer_id = ${dealerId})`
          : undefined,
      ),
    )
    .orderBy(sql`${exceptions.createdAt} desc, ${exceptions.id} desc`)
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
 * Closes an open exception once its cause is gone (the system noticed, not the dealer), with the
 * audit line in the same transaction. Nothing happens when it is not open.
 */
export async function closeExceptionByKey(db: Db, dealerId: string, key: string, why: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [closed] = await tx
      .update(exceptions)
      .set({ status: 'resolved', resolvedAt: sql`now()`, resolvedBy: 'system' })
      .where(and(eq(exceptions.key, key), eq(exceptions.dealerId, dealerId), eq(exceptions.status, 'open')))
      .returning();
    if (!closed) return;
    await tx.insert(auditEvents).values({
      dealerId,
      orderId: closed.orderId,
      poNumber: closed.poNumber,
      actorType: 'system',
      actorId: null,
      type: 'exception.resolved',
      summary: `Exception closed by itself (${why}): ${closed.message}`,
      details: { exceptionId: closed.id, kind: closed.kind, message: closed.message },
    });
  });
}
