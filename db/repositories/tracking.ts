import { and, eq, gte, inArray, min, sql } from 'drizzle-orm';
import type { RecordedPo } from '../../domain/batched-tracking.js';
import { AT_DISTRIBUTOR } from '../../domain/po-actions.js';
import type { PoStatus } from '../../domain/purchase-order.js';
import type { SkuQuantity } from '../../domain/shipped-quantities.js';
import type { Db } from '../client.js';
import { poLines, purchaseOrders, shipments, trackingCursors } from '../schema/index.js';

export type TrackingCursor = typeof trackingCursors.$inferSelect;

const OPEN = [...AT_DISTRIBUTOR];
const account = (dealerId: string, distributor: string) => and(eq(trackingCursors.dealerId, dealerId), eq(trackingCursors.distributor, distributor));
const openPos = (dealerId: string, distributor: string) =>
  and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.distributor, distributor), inArray(purchaseOrders.status, OPEN));

/** The account's cursor, made on first use. */
export async function trackingCursor(db: Db, dealerId: string, distributor: string): Promise<TrackingCursor> {
  await db.insert(trackingCursors).values({ dealerId, distributor }).onConflictDoNothing();
  const [cursor] = await db.select().from(trackingCursors).where(account(dealerId, distributor));
  return cursor!;
}

/** When the oldest PO still open at the distributor was submitted; null when none is open. */
export async function oldestOpenPoSubmittedAt(db: Db, dealerId: string, distributor: string): Promise<Date | null> {
  const [row] = await db
    .select({ oldest: min(sql<Date>`coalesce(${purchaseOrders.submittedAt}, ${purchaseOrders.createdAt})`) })
    .from(purchaseOrders)
    .where(openPos(dealerId, distributor));
  return row?.oldest ? new Date(row.oldest) : null;
}

/** Called once a page's news is sent: a crashed run resumes at `nextPage` of the same window; null ends the window. */
export async function saveTrackingPage(db: Db, dealerId: string, distributor: string, window: { from: string; to: string }, nextPage: string | null) {
  await db
    .update(trackingCursors)
    .set(
      nextPage === null
        ? { windowFrom: null, windowTo: null, nextPage: null, completedAt: new Date(), updatedAt: new Date() }
        : { windowFrom: window.from, windowTo: window.to, nextPage, updatedAt: new Date() },
    )
    .where(account(dealerId, distributor));
}

/**
 * What Postgres holds of the account's open POs among `poNumbers` (POs of other tools, or already
 * finished, are left out), and marks them as seen by the listing now.
 */
export async function recordedOpenPos(db: Db, dealerId: string, distributor: string, poNumbers: string[]): Promise<Map<string, RecordedPo>> {
  if (poNumbers.length === 0) return new Map();
  const pos = await db
    .update(purchaseOrders)
    .set({ listedAt: new Date() })
    .where(and(openPos(dealerId, distributor), inArray(purchaseOrders.poNumber, poNumbers)))
    .returning({ id: purchaseOrders.id, poNumber: purchaseOrders.poNumber, status: purchaseOrders.status });
  if (pos.length === 0) return new Map();
  const ids = pos.map((po) => po.id);
  const packages = await db
    .select({ poId: shipments.poId, trackingNumber: shipments.trackingNumber, lines: shipments.lines })
    .from(shipments)
    .where(inArray(shipments.poId, ids));
  const lines = await db
    .select({ poId: poLines.poId, distributorSku: poLines.distributorSku, cancelled: poLines.cancelledQty, backordered: poLines.backorderedQty })
    .from(poLines)
    .where(inArray(poLines.poId, ids));
  const byId = new Map<string, RecordedPo>(
    pos.map((po) => [po.id, { status: po.status as PoStatus, packages: new Map<string, SkuQuantity[]>(), cancelled: [], backordered: [] }]),
  );
  for (const p of packages) byId.get(p.poId)!.packages.set(p.trackingNumber, p.lines);
  for (const line of lines) {
    const po = byId.get(line.poId)!;
    po.cancelled.push({ distributorSku: line.distributorSku, quantity: line.cancelled });
    po.backordered.push({ distributorSku: line.distributorSku, quantity: line.backordered });
  }
  return new Map(pos.map((po) => [po.poNumber, byId.get(po.id)!]));
}

/** Whether the account's tracking poller saw the PO in the distributor's list at or after `since`. */
export async function listedSince(db: Db, dealerId: string, poNumber: string, since: Date): Promise<boolean> {
  const [row] = await db
    .select({ poNumber: purchaseOrders.poNumber })
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.poNumber, poNumber), gte(purchaseOrders.listedAt, since)));
  return row !== undefined;
}
