import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import { dropshipWorkflowId, poBase } from '../../domain/ids.js';
import type { Db } from '../client.js';
import { auditEvents, dealers, dropships, orders } from '../schema/index.js';
import { lockOrder, type Transaction } from './orders.js';

/** `interrupted`: the workflow ended without recording an end of its own (a failed or terminated run). */
export const FINISHED_DROPSHIP_STATUSES = ['completed', 'cancelled', 'expired', 'needs_resolution', 'interrupted'];

export type Dropship = typeof dropships.$inferSelect;

/**
 * The order's drop-ship in progress, or a new one (with its workflow id and PO base fixed now).
 * One order has at most one unfinished drop-ship, so a repeated request finds the same one.
 */
export async function openDropship(db: Db, dealerId: string, orderId: string, mode: 'auto' | 'manual') {
  return db.transaction(async (tx) => {
    await lockOrder(tx, orderId);
    const [active] = await tx
      .select()
      .from(dropships)
      .where(and(eq(dropships.orderId, orderId), notInArray(dropships.status, FINISHED_DROPSHIP_STATUSES)))
      .orderBy(desc(dropships.sequence))
      .limit(1);
    if (active) return { dropship: active, created: false };
    const [{ sequence } = { sequence: 0 }] = await tx
      .select({ sequence: sql<number>`coalesce(max(${dropships.sequence}), 0)::int` })
      .from(dropships)
      .where(eq(dropships.orderId, orderId));
    return { dropship: await insertDropship(tx, dealerId, orderId, sequence + 1, mode), created: true };
  });
}

/** What starting a drop-ship's workflow needs, read in the transaction that opened it. */
export interface DropshipStart {
  dealer: { id: string; confirmReminderSeconds: number; confirmExpirySeconds: number };
  order: { id: string; channelOrderId: string; shipBy?: Date | null | undefined };
  dropship: Dropship;
}

/**
 * For an order just taken in: the auto-processing drop-ship whose workflow intake must start. The
 * first time an open order of an auto-processing dealer is seen, its drop-ship 1 is opened here, in
 * the intake transaction; until its workflow has run (status `starting`) every later intake of the
 * same order answers it again, so a start lost to a crash is made by the next delivery or poll.
 * Anything else (a dealer in manual mode, an order not open, a drop-ship already under way or over)
 * answers null: an order is never auto-drop-shipped twice. `mayOpen: false` only finds.
 */
export async function autoDropshipToStart(tx: Transaction, dealerId: string, orderId: string, mayOpen: boolean): Promise<DropshipStart | null> {
  await lockOrder(tx, orderId);
  const [facts] = await tx
    .select({
      dealer: {
        id: dealers.id,
        confirmReminderSeconds: dealers.confirmReminderSeconds,
        confirmExpirySeconds: dealers.confirmExpirySeconds,
        autoProcessing: dealers.autoProcessing,
      },
      order: { id: orders.id, channelOrderId: orders.channelOrderId, shipBy: orders.shipBy, status: orders.status },
    })
    .from(orders)
    .innerJoin(dealers, eq(dealers.id, orders.dealerId))
    .where(and(eq(orders.id, orderId), eq(orders.dealerId, dealerId)));
  if (!facts?.dealer.autoProcessing || facts.order.status !== 'open') return null;
  const existing = await tx.select().from(dropships).where(eq(dropships.orderId, orderId)).orderBy(dropships.sequence);
  const { autoProcessing: _auto, ...dealer } = facts.dealer;
  const { status: _status, ...order } = facts.order;
  if (existing.length === 0) {
    return mayOpen ? { dealer, order, dropship: await insertDropship(tx, dealerId, orderId, 1, 'auto') } : null;
  }
  const [first] = existing;
  return existing.length === 1 && first!.mode === 'auto' && first!.status === 'starting' ? { dealer, order, dropship: first! } : null;
}

/** What sets a re-route's drop-ship apart: the PO it re-routes, its PO base, and what routing must avoid. */
export type RerouteFields = Required<Pick<typeof dropships.$inferInsert, 'rerouteOf' | 'poBase' | 'excludedDistributors'>> &
  Pick<typeof dropships.$inferInsert, 'maxCostPercent' | 'shipTo'>;

export async function insertDropship(
  tx: Transaction,
  dealerId: string,
  orderId: string,
  sequence: number,
  mode: 'auto' | 'manual',
  reroute?: RerouteFields,
): Promise<Dropship> {
  const base = reroute?.poBase ?? (await nextPoBase(tx, dealerId));
  const [dropship] = await tx
    .insert(dropships)
    .values({ dealerId, orderId, sequence, workflowId: dropshipWorkflowId(dealerId, orderId, sequence), mode, status: 'starting', ...reroute, poBase: base })
    .returning();
  return dropship!;
}

async function nextPoBase(tx: Transaction, dealerId: string): Promise<string> {
  const [dealer] = await tx.select({ poPrefix: dealers.poPrefix }).from(dealers).where(eq(dealers.id, dealerId));
  const [{ number } = { number: 0 }] = await tx.execute<{ number: number }>(sql`select nextval('dropship_number_seq')::int as number`);
  return poBase(dealer!.poPrefix, number);
}

export function listOrderDropships(db: Db, orderId: string) {
  return db.select().from(dropships).where(eq(dropships.orderId, orderId)).orderBy(dropships.sequence);
}

export async function findDropship(db: Db, dealerId: string, id: string) {
  const [row] = await db
    .select()
    .from(dropships)
    .where(and(eq(dropships.id, id), eq(dropships.dealerId, dealerId)));
  return row ?? null;
}

/**
 * Marks a drop-ship whose workflow run is over, though Postgres still has it unfinished, as
 * interrupted, with its audit line, so the order can be drop-shipped again. Its POs keep their own
 * statuses; lines on POs that were not placed are free for the next drop-ship.
 */
export async function markDropshipInterrupted(db: Db, dropship: Dropship, runStatus: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(dropships)
      .set({ status: 'interrupted' })
      .where(and(eq(dropships.id, dropship.id), notInArray(dropships.status, FINISHED_DROPSHIP_STATUSES)))
      .returning();
    if (!changed) return;
    await tx.insert(auditEvents).values({
      dealerId: dropship.dealerId,
      orderId: dropship.orderId,
      actorType: 'system',
      actorId: null,
      type: 'dropship.interrupted',
      summary: `Drop-ship ${dropship.sequence} ended without finishing (its workflow run is ${runStatus.toLowerCase()}); a new drop-ship can be started`,
      details: { workflowId: dropship.workflowId, runStatus },
    });
  });
}
