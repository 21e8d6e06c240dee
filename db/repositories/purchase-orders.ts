import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DistributorId } from '../../domain/distributors.js';
import type { PoStatus, ShipmentReport } from '../../domain/purchase-order.js';
import type { Db } from '../client.js';
import { dropships, orderLines, orders, poLines, purchaseOrders, shipments } from '../schema/index.js';

export interface NewPurchaseOrder {
  dealerId: string;
  orderId: string;
  dropshipId: string;
  distributor: DistributorId;
  poNumber: string;
  workflowId: string;
  shipMethod: string;
  lines: Array<{ lineId: string; dealerSku: string; distributorSku: string; quantity: number }>;
}

/**
 * Stores the PO (and fixes its number) before anything is sent to the distributor. Re-running it for
 * the same drop-ship is a no-op; a PO number already used by another drop-ship is reported.
 */
export async function createPurchaseOrder(db: Db, po: NewPurchaseOrder): Promise<'created' | 'exists' | 'taken'> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(purchaseOrders)
      .values({
        dealerId: po.dealerId,
        orderId: po.orderId,
        dropshipId: po.dropshipId,
        distributor: po.distributor,
        poNumber: po.poNumber,
        workflowId: po.workflowId,
        shipMethod: po.shipMethod,
        status: 'pending',
      })
      .onConflictDoNothing()
      .returning({ id: purchaseOrders.id });
    if (!inserted) {
      const [existing] = await tx
        .select({ dropshipId: purchaseOrders.dropshipId })
        .from(purchaseOrders)
        .where(and(eq(purchaseOrders.dealerId, po.dealerId), eq(purchaseOrders.poNumber, po.poNumber)));
      return existing?.dropshipId === po.dropshipId ? 'exists' : 'taken';
    }
    await tx.insert(poLines).values(
      po.lines.map((line) => ({
        poId: inserted.id,
        orderLineId: line.lineId,
        dealerSku: line.dealerSku,
        distributorSku: line.distributorSku,
        quantity: line.quantity,
      })),
    );
    return 'created';
  });
}

/** The drop-ship that already uses this PO number, or null when it is free. */
export async function poNumberOwner(db: Db, dealerId: string, poNumber: string): Promise<string | null> {
  const [row] = await db
    .select({ dropshipId: purchaseOrders.dropshipId })
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.poNumber, poNumber)));
  return row?.dropshipId ?? null;
}

/** Everything needed to place the PO. Contains buyer PII: keep it inside the activity. */
export async function loadPurchaseOrderForSubmission(db: Db, dealerId: string, poNumber: string) {
  const [row] = await db
    .select({ po: purchaseOrders, order: orders, dropshipShipTo: dropships.shipTo })
    .from(purchaseOrders)
    .innerJoin(orders, eq(orders.id, purchaseOrders.orderId))
    .innerJoin(dropships, eq(dropships.id, purchaseOrders.dropshipId))
    .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.poNumber, poNumber)));
  if (!row) throw new Error(`PO ${poNumber} not found for dealer ${dealerId}`);
  const lines = await db
    .select({ line: poLines, channelLineId: orderLines.channelLineId })
    .from(poLines)
    .innerJoin(orderLines, eq(orderLines.id, poLines.orderLineId))
    .where(eq(poLines.poId, row.po.id));
  return {
    po: row.po,
    order: row.order,
    shipTo: row.dropshipShipTo ?? row.order.shipTo,
    lines: lines.map((l) => ({ ...l.line, channelLineId: l.channelLineId })),
  };
}

export async function updatePurchaseOrder(
  db: Db,
  dealerId: string,
  poNumber: string,
  changes: Partial<{ status: PoStatus; distributorOrderRefs: string[]; failureReason: string | null; submittedAt: Date }>,
): Promise<void> {
  await db
    .update(purchaseOrders)
    .set(changes)
    .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.poNumber, poNumber)));
}

/** Records a package once, and brings the PO lines' shipped quantities up to date. */
export async function recordShipment(db: Db, poId: string, shipment: ShipmentReport): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(shipments)
      .values({
        poId,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        shipMethod: shipment.shipMethod ?? null,
        shippedAt: shipment.shippedAt ? new Date(shipment.shippedAt) : null,
        lines: shipment.lines,
      })
      .onConflictDoNothing()
      .returning({ id: shipments.id });
    await tx.execute(sql`
      update po_lines pl set shipped_qty = least(pl.quantity, coalesce((
        select sum((elem->>'quantity')::int) from shipments s, jsonb_array_elements(s.lines) elem
        where s.po_id = pl.po_id and elem->>'distributorSku' = pl.distributor_sku), 0))
      where pl.po_id = ${poId}`);
    return inserted.length > 0;
  });
}

export interface PurchaseOrderFilter {
  poNumber?: string | undefined;
  orderId?: string | undefined;
  distributor?: string | undefined;
  shipped?: boolean | undefined;
  /** Id of the last PO of the previous page (keyset pagination on created_at, id). */
  after?: string | undefined;
  limit: number;
}

/** A dealer's POs, newest first, with their lines and packages. */
export async function searchPurchaseOrders(db: Db, dealerId: string, filter: PurchaseOrderFilter) {
  const rows = await db
    .select()
    .from(purchaseOrders)
    .where(
      and(
        eq(purchaseOrders.dealerId, dealerId),
        filter.poNumber ? eq(purchaseOrders.poNumber, filter.poNumber) : undefined,
        filter.orderId ? eq(purchaseOrders.orderId, filter.orderId) : undefined,
        filter.distributor ? eq(purchaseOrders.distributor, filter.distributor) : undefined,
        filter.shipped === undefined
          ? undefined
          : filter.shipped
            ? eq(purchaseOrders.status, 'shipped')
            : sql`${purchaseOrders.status} <> 'shipped'`,
        // Compared with the row itself, not a timestamp carried in the cursor: a JS Date would drop
        // the microseconds and skip POs created in the same millisecond.
        filter.after
          ? sql`(${purchaseOrders.createdAt}, ${purchaseOrders.id}) < (select p.created_at, p.id from purchase_orders p where p.id = ${filter.after} and p.dealer_id = ${dealerId})`
          : undefined,
      ),
    )
    .orderBy(sql`${purchaseOrders.createdAt} desc, ${purchaseOrders.id} desc`)
    .limit(filter.limit);
  return withLinesAndShipments(db, rows);
}

async function withLinesAndShipments(db: Db, rows: Array<typeof purchaseOrders.$inferSelect>) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [lines, packages] = await Promise.all([
    db.select().from(poLines).where(inArray(poLines.poId, ids)),
    db.select().from(shipments).where(inArray(shipments.poId, ids)).orderBy(shipments.createdAt),
  ]);
  return rows.map((po) => ({
    ...po,
    lines: lines.filter((l) => l.poId === po.id),
    shipments: packages.filter((s) => s.poId === po.id),
  }));
}
