import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { calendarDate } from '../../domain/calendar-date.js';
import type { DistributorId } from '../../domain/distributors.js';
import type { PoStatus, ShipmentReport } from '../../domain/purchase-order.js';
import { linesProgress, sameContents, totalsBySku, type SkuQuantity } from '../../domain/shipped-quantities.js';
import type { Db, Transaction } from '../client.js';
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
        // A re-route's POs point back at the PO whose lines they carry.
        reroutedFrom: sql`(select ${dropships.rerouteOf} from ${dropships} where ${dropships.id} = ${po.dropshipId})`,
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
    // A re-route's units now live on this PO: the PO they came from no longer counts them as placed.
    for (const line of po.lines) {
      await tx.execute(sql`
        update ${poLines} set rerouted_qty = ${poLines.reroutedQty} + ${line.quantity}
        from ${purchaseOrders} old, ${dropships} d
        where d.id = ${po.dropshipId} and d.reroute_of is not null
          and old.dealer_id = ${po.dealerId} and old.po_number = d.reroute_of
          and ${poLines.poId} = old.id and ${poLines.orderLineId} = ${line.lineId}`);
    }
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
    .where(eq(poLines.poId, row.po.id))
    .orderBy(orderLines.lineNumber);
  return {
    po: row.po,
    order: row.order,
    shipTo: row.dropshipShipTo ?? row.order.shipTo,
    lines: lines.map((l) => ({ ...l.line, channelLineId: l.channelLineId })),
  };
}

export async function updatePurchaseOrder(
  db: Db | Transaction,
  dealerId: string,
  poNumber: string,
  changes: Partial<{ status: PoStatus; distributorOrderRefs: string[]; failureReason: string | null; submittedAt: Date }>,
): Promise<void> {
  await db
    .update(purchaseOrders)
    .set(changes)
    .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.poNumber, poNumber)));
}

/** A new package, a known one whose lines were completed or replaced, or nothing new. */
export type ShipmentOutcome = 'recorded' | 'completed' | 'unchanged';

/**
 * Records a package once per tracking number and brings the PO lines' shipped quantities up to date.
 * A package already recorded gets the lines the distributor reports now when they differ (WPS lists
 * a tracking number before it says what went in the box); a report without lines never empties one.
 * Run it inside the caller's transaction, after lockOrder.
 */
export async function recordShipment(tx: Transaction, poId: string, shipment: ShipmentReport): Promise<ShipmentOutcome> {
  const [existing] = await tx
    .select({ id: shipments.id, lines: shipments.lines, shippedOn: shipments.shippedOn })
    .from(shipments)
    .where(and(eq(shipments.poId, poId), eq(shipments.trackingNumber, shipment.trackingNumber)));
  const shippedOn = calendarDate(shipment.shippedAt) ?? null;
  if (!existing) {
    await tx.insert(shipments).values({
      poId,
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      shipMethod: shipment.shipMethod ?? null,
      shippedOn,
      lines: shipment.lines,
    });
    await refreshPoLines(tx, poId);
    return 'recorded';
  }
  if (shipment.lines.length === 0 || sameContents(existing.lines, shipment.lines)) return 'unchanged';
  await tx
    .update(shipments)
    .set({ lines: shipment.lines, shippedOn: existing.shippedOn ?? shippedOn, ...(shipment.shipMethod ? { shipMethod: shipment.shipMethod } : {}) })
    .where(eq(shipments.id, existing.id));
  await refreshPoLines(tx, poId);
  return 'completed';
}

/** Stores what the distributor now reports as cancelled on the PO (its running total per SKU). Run it after lockOrder. */
export async function recordCancelled(tx: Transaction, poId: string, cancelled: readonly SkuQuantity[]): Promise<void> {
  await refreshPoLines(tx, poId, cancelled);
}

/**
 * Recomputes each PO line's shipped and cancelled quantities from every package of the PO and the
 * distributor's cancellation report (when none is given, the cancelled units already stored stand).
 */
async function refreshPoLines(tx: Transaction, poId: string, cancelled?: readonly SkuQuantity[]): Promise<void> {
  const lines = await tx
    .select({ orderLineId: poLines.orderLineId, distributorSku: poLines.distributorSku, quantity: poLines.quantity, cancelledQty: poLines.cancelledQty })
    .from(poLines)
    .innerJoin(orderLines, eq(orderLines.id, poLines.orderLineId))
    .where(eq(poLines.poId, poId))
    .orderBy(orderLines.lineNumber);
  const packages = await tx.select({ lines: shipments.lines }).from(shipments).where(eq(shipments.poId, poId));
  const cancelledNow = cancelled ?? lines.map((line) => ({ distributorSku: line.distributorSku, quantity: line.cancelledQty }));
  for (const progress of linesProgress(
    lines,
    packages.flatMap((p) => p.lines),
    cancelledNow,
  )) {
    await tx
      .update(poLines)
      .set({ shippedQty: progress.shippedQty, cancelledQty: progress.cancelledQty })
      .where(and(eq(poLines.poId, poId), eq(poLines.orderLineId, progress.orderLineId)));
  }
}

/** The packages recorded for a PO so far, by tracking number, with what each holds. */
export async function shipmentContents(db: Db, dealerId: string, poNumber: string): Promise<Map<string, SkuQuantity[]>> {
  const rows = await db
    .select({ trackingNumber: shipments.trackingNumber, lines: shipments.lines })
    .from(shipments)
    .innerJoin(purchaseOrders, eq(purchaseOrders.id, shipments.poId))
    .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.poNumber, poNumber)));
  return new Map(rows.map((row) => [row.trackingNumber, row.lines]));
}

export interface PurchaseOrderFilter {
  /** Exactly this PO number. */
  poNumber?: string | undefined;
  /** PO numbers starting with this, in any case. */
  poNumberPrefix?: string | undefined;
  orderId?: string | undefined;
  /** The channel's order number, in any case. */
  orderNumber?: string | undefined;
  distributor?: string | undefined;
  status?: string | undefined;
  shipped?: boolean | undefined;
  /** Created at or after. */
  from?: Date | undefined;
  /** Created before. */
  to?: Date | undefined;
  /** Id of the last PO of the previous page; paging compares with that PO's own (created_at, id). */
  after?: string | undefined;
  limit: number;
}

/** A dealer's POs, newest first, with their lines and packages. */
export async function searchPurchaseOrders(db: Db, dealerId: string, filter: PurchaseOrderFilter) {
  const shape: SearchShape = {
    poNumber: filter.poNumber !== undefined,
    poNumberPrefix: filter.poNumberPrefix !== undefined,
    orderId: filter.orderId !== undefined,
    orderNumber: filter.orderNumber !== undefined,
    distributor: filter.distributor !== undefined,
    status: filter.status !== undefined,
    shipped: filter.shipped,
    from: filter.from !== undefined,
    to: filter.to !== undefined,
    after: filter.after !== undefined,
  };
  const prefix = filter.poNumberPrefix?.toLowerCase();
  return searchQuery(db, shape).execute({
    ...filter,
    dealerId,
    prefixLow: prefix,
    // Above every string that starts with the prefix, in byte order: the top of the index range.
    prefixHigh: prefix === undefined ? undefined : `${prefix}\u{10FFFF}`,
    orderNumber: filter.orderNumber?.toLowerCase(),
    from: filter.from?.toISOString(),
    to: filter.to?.toISOString(),
  });
}

/** Which filters a search uses: each combination is one prepared statement, so its plan uses the right index. */
interface SearchShape {
  poNumber: boolean;
  poNumberPrefix: boolean;
  orderId: boolean;
  orderNumber: boolean;
  distributor: boolean;
  status: boolean;
  shipped: boolean | undefined;
  from: boolean;
  to: boolean;
  after: boolean;
}

// Timestamps inside JSON are written the way a Date serialises, so the API answers the same either way.
const isoTime = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The PO's lines and packages come back in the same statement: one round trip per search, not three. */
const linesAndPackages = {
  orderNumber: sql<string>`(select o.channel_order_id from orders o where o.id = purchase_orders.order_id)`,
  lines: sql<Array<typeof poLines.$inferSelect>>`(select coalesce(json_agg(json_build_object(
      'poId', l.po_id, 'orderLineId', l.order_line_id, 'dealerSku', l.dealer_sku, 'distributorSku', l.distributor_sku,
      'quantity', l.quantity, 'shippedQty', l.shipped_qty, 'cancelledQty', l.cancelled_qty,
      'backorderedQty', l.backordered_qty, 'reroutedQty', l.rerouted_qty, 'cancelState', l.cancel_state)), '[]')
    from po_lines l where l.po_id = purchase_orders.id)`,
  reroutedTo: sql<string[]>`(select coalesce(json_agg(r.po_number order by r.created_at), '[]') from purchase_orders r
    where r.dealer_id = purchase_orders.dealer_id and r.rerouted_from is not null and r.rerouted_from = purchase_orders.po_number)`,
  shipments: sql<Array<Omit<typeof shipments.$inferSelect, 'createdAt'> & { createdAt: string }>>`(select coalesce(json_agg(json_build_object(
      'id', s.id, 'poId', s.po_id, 'carrier', s.carrier, 'trackingNumber', s.tracking_number, 'shipMethod', s.ship_method,
      'shippedOn', to_char(s.shipped_on, 'YYYY-MM-DD'), 'lines', s.lines, 'createdAt', ${sql.raw(isoTime('s.created_at'))}) order by s.created_at), '[]')
    from shipments s where s.po_id = purchase_orders.id)`,
};

// When the tracking poller last listed a PO is its own bookkeeping, not part of what a PO answer shows.
const { listedAt: _listedAt, ...poColumns } = getTableColumns(purchaseOrders);

const prepareSearch = (db: Db, shape: SearchShape, name: string) =>
  db
    .select({ ...poColumns, ...linesAndPackages })
    .from(purchaseOrders)
    .where(
      and(
        eq(purchaseOrders.dealerId, sql.placeholder('dealerId')),
        shape.poNumber ? eq(purchaseOrders.poNumber, sql.placeholder('poNumber')) : undefined,
        // A range, not LIKE: a prepared statement's generic plan can walk the (dealer_id, lower(po_number)) index with it.
        shape.poNumberPrefix
          ? sql`lower(${purchaseOrders.poNumber}) ~>=~ ${sql.placeholder('prefixLow')} and lower(${purchaseOrders.poNumber}) ~<~ ${sql.placeholder('prefixHigh')}`
          : undefined,
        shape.orderId ? eq(purchaseOrders.orderId, sql.placeholder('orderId')) : undefined,
        shape.orderNumber
          ? sql`${purchaseOrders.orderId} in (select o.id from orders o where o.dealer_id = ${sql.placeholder('dealerId')} and lower(o.channel_order_id) = ${sql.placeholder('orderNumber')})`
          : undefined,
        shape.distributor ? eq(purchaseOrders.distributor, sql.placeholder('distributor')) : undefined,
        shape.status ? eq(purchaseOrders.status, sql.placeholder('status')) : undefined,
        shape.from ? sql`${purchaseOrders.createdAt} >= ${sql.placeholder('from')}` : undefined,
        shape.to ? sql`${purchaseOrders.createdAt} < ${sql.placeholder('to')}` : undefined,
        shape.shipped === undefined ? undefined : shape.shipped ? eq(purchaseOrders.status, 'shipped') : sql`${purchaseOrders.status} <> 'shipped'`,
        shape.after
          ? sql`(${purchaseOrders.createdAt}, ${purchaseOrders.id}) < (select p.created_at, p.id from purchase_orders p where p.id = ${sql.placeholder('after')} and p.dealer_id = ${sql.placeholder('dealerId')})`
          : undefined,
      ),
    )
    .orderBy(sql`${purchaseOrders.createdAt} desc, ${purchaseOrders.id} desc`)
    .limit(sql.placeholder('limit'))
    .prepare(name);

// Searches are the API's hottest reads: building the query costs more than running it, so each shape is built once per database.
const searchQueries = new WeakMap<Db, Map<string, ReturnType<typeof prepareSearch>>>();
function searchQuery(db: Db, shape: SearchShape) {
  const name = `po_search_${Object.entries(shape)
    .map(([key, value]) => `${key}=${value}`)
    .join('_')}`;
  let queries = searchQueries.get(db);
  if (!queries) searchQueries.set(db, (queries = new Map()));
  let query = queries.get(name);
  if (!query) queries.set(name, (query = prepareSearch(db, shape, name)));
  return query;
}

/** Shares the distributor's backorder report (per SKU) out over the PO's lines in line order, each up to what is still open on it. */
export async function recordBackordered(tx: Transaction, poId: string, backordered: readonly SkuQuantity[]): Promise<void> {
  const lines = await tx
    .select({
      orderLineId: poLines.orderLineId,
      distributorSku: poLines.distributorSku,
      open: sql<number>`${poLines.quantity} - ${poLines.shippedQty} - ${poLines.cancelledQty}`,
    })
    .from(poLines)
    .innerJoin(orderLines, eq(orderLines.id, poLines.orderLineId))
    .where(eq(poLines.poId, poId))
    .orderBy(orderLines.lineNumber);
  const left = totalsBySku(backordered);
  for (const line of lines) {
    const quantity = Math.max(0, Math.min(line.open, left.get(line.distributorSku) ?? 0));
    left.set(line.distributorSku, (left.get(line.distributorSku) ?? 0) - quantity);
    await tx
      .update(poLines)
      .set({ backorderedQty: quantity })
      .where(and(eq(poLines.poId, poId), eq(poLines.orderLineId, line.orderLineId)));
  }
}
