import { and, asc, eq, like } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { Db, Transaction } from '../client.js';
import { auditEvents } from '../schema/index.js';

export interface NewAuditEvent {
  dealerId: string;
  orderId?: string | null | undefined;
  poNumber?: string | null | undefined;
  actor: Actor;
  type: string;
  summary: string;
  details?: Record<string, unknown> | undefined;
  /** Same key, same event: lets a retried activity write it once. */
  dedupeKey?: string | undefined;
}

/** Appends the event once per dedupe key. Pass the transaction that writes what the event records, so neither is kept without the other. */
export async function appendAuditEvent(db: Db | Transaction, event: NewAuditEvent): Promise<void> {
  await db
    .insert(auditEvents)
    .values({
      dealerId: event.dealerId,
      orderId: event.orderId ?? null,
      poNumber: event.poNumber ?? null,
      actorType: event.actor.type,
      actorId: event.actor.id ?? null,
      type: event.type,
      summary: event.summary,
      details: event.details ?? {},
      dedupeKey: event.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: auditEvents.dedupeKey });
}

export function listOrderAuditEvents(db: Db, dealerId: string, orderId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.dealerId, dealerId), eq(auditEvents.orderId, orderId)))
    .orderBy(asc(auditEvents.id));
}

/** A PO's status changes as the audit trail recorded them (`po.<status>` events), oldest first. */
export function listPurchaseOrderStatusEvents(db: Db, dealerId: string, poNumber: string) {
  return db
    .select({ type: auditEvents.type, at: auditEvents.at, summary: auditEvents.summary, actorType: auditEvents.actorType, actorId: auditEvents.actorId })
    .from(auditEvents)
    .where(and(eq(auditEvents.dealerId, dealerId), eq(auditEvents.poNumber, poNumber), like(auditEvents.type, 'po.%')))
    .orderBy(asc(auditEvents.id));
}
