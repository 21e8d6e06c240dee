import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import { dropshipWorkflowId, poBase } from '../../domain/ids.js';
import type { Db } from '../client.js';
import { dealers, dropships } from '../schema/index.js';

const FINISHED = ['completed', 'cancelled', 'expired', 'needs_resolution'];

/**
 * The order's drop-ship in progress, or a new one (with its workflow id and PO base fixed now).
 * One order has at most one unfinished drop-ship, so a repeated request finds the same one.
 */
export async function openDropship(db: Db, dealerId: string, orderId: string, mode: 'auto' | 'manual') {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${orderId}))`);
    const [active] = await tx
      .select()
      .from(dropships)
      .where(and(eq(dropships.orderId, orderId), notInArray(dropships.status, FINISHED)))
      .orderBy(desc(dropships.sequence))
      .limit(1);
    if (active) return { dropship: active, created: false };
    const [dealer] = await tx.select({ poPrefix: dealers.poPrefix }).from(dealers).where(eq(dealers.id, dealerId));
    const [{ sequence } = { sequence: 0 }] = await tx
      .select({ sequence: sql<number>`coalesce(max(${dropships.sequence}), 0)::int` })
      .from(dropships)
      .where(eq(dropships.orderId, orderId));
    const [{ number } = { number: 0 }] = await tx.execute<{ number: number }>(sql`select nextval('dropship_number_seq')::int as number`);
    const next = sequence + 1;
    const [dropship] = await tx
      .insert(dropships)
      .values({
        dealerId,
        orderId,
        sequence: next,
        workflowId: dropshipWorkflowId(dealerId, orderId, next),
        poBase: poBase(dealer!.poPrefix, number),
        mode,
        status: 'starting',
      })
      .returning();
    return { dropship: dropship!, created: true };
  });
}

export function listOrderDropships(db: Db, orderId: string) {
  return db.select().from(dropships).where(eq(dropships.orderId, orderId)).orderBy(dropships.sequence);
}

export async function findDropship(db: Db, dealerId: string, id: string) {
  const [row] = await db.select().from(dropships).where(and(eq(dropships.id, id), eq(dropships.dealerId, dealerId)));
  return row ?? null;
}
