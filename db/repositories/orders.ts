import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Address } from '../../domain/address.js';
import type { Db, Transaction } from '../client.js';
import { orderShippingStatus, type OrderLineShipping } from '../../domain/shipped-quantities.js';
import { handlingDeadline, isHandlingChannel } from '../../domain/ship-by.js';
import { dealers, exceptions, orderLines, orderNotes, orders, poLines, purchaseOrders } from '../schema/index.js';
import { appendAuditEvent } from './audit.js';
import { autoDropshipToStart, type DropshipStart } from './dropships.js';
import { closeOrderExceptions } from './exceptions.js';

export type { Transaction };

export interface NewOrder {
  dealerId: string;
  channel: string;
  channelOrderId: string;
  /** Open unless intake decided otherwise (an order that arrived cancelled or unpaid). */
  status?: string | undefined;
  buyer: { name: string; email?: string | undefined; phone?: string | undefined };
  shipTo: Address;
  shippingRateName: string;
  placedAt?: Date | undefined;
  /** The channel's ship-by date; left out, a website or Shopify order takes the dealer's handling time (see handlingShipBy). */
  shipBy?: Date | undefined;
  lines: Array<{ sku: string; quantity: number; unitPriceCents: number; title?: string | undefined; channelLineId?: string | undefined }>;
}

/** Stores an order once per (dealer, channel, channel order id), all lines or nothing. */
export async function createOrder(db: Db, order: NewOrder): Promise<{ id: string; created: boolean }> {
  return db.transaction((tx) => insertOrder(tx, order));
}

/**
 * Takes in an order from the dealer's website in one transaction: stored once (see createOrder) and,
 * for an auto-processing dealer, its drop-ship opened with it exactly as marketplace intake does (see
 * autoDropshipToStart), for the caller to start. A repeated post finds that drop-ship again only while
 * its workflow has not run, so a start lost to a crash is made by the next post and never twice.
 */
export async function takeInWebsiteOrder(db: Db, order: NewOrder): Promise<{ id: string; created: boolean; autoDropship: DropshipStart | null }> {
  return db.transaction(async (tx) => {
    const { id, created } = await insertOrder(tx, order);
    return { id, created, autoDropship: await autoDropshipToStart(tx, order.dealerId, id, created) };
  });
}

/** createOrder inside a caller's transaction, so what arrived with the order commits with it. */
export async function insertOrder(tx: Transaction, order: NewOrder): Promise<{ id: string; created: boolean }> {
  const placedAt = order.placedAt ?? new Date();
  const [inserted] = await tx
    .insert(orders)
    .values({
      dealerId: order.dealerId,
      channel: order.channel,
      channelOrderId: order.channelOrderId,
      buyerName: order.buyer.name,
      buyerEmail: order.buyer.email ?? null,
      buyerPhone: order.buyer.phone ?? null,
      shipTo: order.shipTo,
      shippingRateName: order.shippingRateName,
      ...(order.status ? { status: order.status } : {}),
      placedAt,
      shipBy: order.shipBy ?? (await handlingShipBy(tx, order.dealerId, order.channel, placedAt)),
    })
    .onConflictDoNothing()
    .returning({ id: orders.id });
  if (!inserted) {
    const [existing] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.dealerId, order.dealerId), eq(orders.channel, order.channel), eq(orders.channelOrderId, order.channelOrderId)));
    return { id: existing!.id, created: false };
  }
  // A marketplace order whose every item was cancelled before intake arrives with no lines.
  if (order.lines.length > 0) {
    await tx.insert(orderLines).values(
      order.lines.map((line, index) => ({
        orderId: inserted.id,
        lineNumber: index + 1,
        channelLineId: line.channelLineId ?? null,
        dealerSku: line.sku,
        title: line.title ?? null,
        quantity: line.quantity,
        unitPriceCents: line.unitPriceCents,
      })),
    );
  }
  return { id: inserted.id, created: true };
}

/** The deadline a channel without ship-by dates gets from the dealer's handling time for it; null for other channels. */
async function handlingShipBy(tx: Transaction, dealerId: string, channel: string, placedAt: Date): Promise<Date | null> {
  if (!isHandlingChannel(channel)) return null;
  const [dealer] = await tx.select({ handlingDays: dealers.handlingDays, timeZone: dealers.timeZone }).from(dealers).where(eq(dealers.id, dealerId));
  return dealer ? handlingDeadline(placedAt, dealer.handlingDays[channel], dealer.timeZone) : null;
}

export async function findOrder(db: Db, dealerId: string, orderId: string) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.dealerId, dealerId)));
  if (!order) return null;
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.lineNumber);
  return { ...order, lines };
}

export interface OrderFilter {
  status?: string | undefined;
  /** Whether the order has something open in the exception inbox. */
  needsResolution?: boolean | undefined;
  channel?: string | undefined;
  /** Any part of the channel order number, the buyer's name or email, or a line's SKU, in any case. */
  q?: string | undefined;
  /** Created at or after. */
  from?: Date | undefined;
  /** Created before. */
  to?: Date | undefined;
  /** newest: newest first; ship_by: soonest ship-by date first, orders without one last. */
  sort?: 'newest' | 'ship_by' | undefined;
  /** Id of the last order of the previous page; paging compares with that order's own sort key and id. */
  after?: string | undefined;
  limit: number;
}

/** A dealer's orders, newest first or by ship-by date. */
export function listOrders(db: Db, dealerId: string, filter: OrderFilter) {
  const byShipBy = filter.sort === 'ship_by';
  // An order without a deadline sorts as if due at the end of time, so one keyset covers both kinds.
  const deadline = (alias: string) => sql.raw(`coalesce(${alias}.ship_by, 'infinity'::timestamptz)`);
  // Written out with aliases: in a one-table query drizzle leaves columns unqualified, and inside the
  // subquery "id" would be the exception's own.
  const openException = sql`exists (select 1 from exceptions e where e.order_id = orders.id and e.status = 'open')`;
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.dealerId, dealerId),
        filter.status ? eq(orders.status, filter.status) : undefined,
        filter.channel ? eq(orders.channel, filter.channel) : undefined,
        filter.q ? matching(dealerId, filter.q) : undefined,
        filter.needsResolution === undefined ? undefined : filter.needsResolution ? openException : sql`not ${openException}`,
        filter.from ? gte(orders.createdAt, filter.from) : undefined,
        filter.to ? lt(orders.createdAt, filter.to) : undefined,
        filter.after && !byShipBy
          ? sql`(${orders.createdAt}, ${orders.id}) < (select o.created_at, o.id from orders o where o.id = ${filter.after} and o.dealer_id = ${dealerId})`
          : undefined,
        filter.after && byShipBy
          ? sql`(${deadline('orders')}, ${orders.id}) > (select ${deadline('o')}, o.id from orders o where o.id = ${filter.after} and o.dealer_id = ${dealerId})`
          : undefined,
      ),
    )
    .orderBy(...(byShipBy ? [asc(deadline('orders')), asc(orders.id)] : [desc(orders.createdAt), desc(orders.id)]))
    .limit(filter.limit);
}

/**
 * Orders whose number, buyer name or email, or a SKU contains `q`, in any case. The matching ids are
 * gathered first, each arm from its trigram index, so the page is cut from the few matches instead of
 * testing every order of the dealer.
 */
function matching(dealerId: string, q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // One arm per column: each can then take its trigram index, where an OR of the three is costed as a walk of the dealer's orders.
  return sql`${orders.id} in (
    select o.id from orders o where o.dealer_id = ${dealerId} and o.channel_order_id ilike ${pattern}
    union select o.id from orders o where o.dealer_id = ${dealerId} and o.buyer_name ilike ${pattern}
    union select o.id from orders o where o.dealer_id = ${dealerId} and o.buyer_email ilike ${pattern}
    union select l.order_id from order_lines l where l.dealer_sku ilike ${pattern})`;
}

/** Per order: the distributors of its POs that are placed or on their way (not failed or cancelled). */
export async function placedDistributors(db: Db, dealerId: string, orderIds: string[]): Promise<Map<string, string[]>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectDistinct({ orderId: purchaseOrders.orderId, distributor: purchaseOrders.distributor })
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.dealerId, dealerId), inArray(purchaseOrders.orderId, orderIds), notInArray(purchaseOrders.status, ['failed', 'cancelled'])));
  const placed = new Map<string, string[]>();
  for (const row of rows) placed.set(row.orderId, [...(placed.get(row.orderId) ?? []), row.distributor]);
  return placed;
}

/** Per order: the oldest open exception's message, what the inbox says the order needs. */
export async function openExceptionMessages(db: Db, dealerId: string, orderIds: string[]): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([exceptions.orderId], { orderId: exceptions.orderId, message: exceptions.message })
    .from(exceptions)
    .where(and(eq(exceptions.dealerId, dealerId), inArray(exceptions.orderId, orderIds), eq(exceptions.status, 'open')))
    .orderBy(exceptions.orderId, exceptions.createdAt);
  return new Map(rows.map((r) => [r.orderId!, r.message]));
}

/** Serialises everything that changes what an order is due or has shipped (drop-ships opened, packages, cancellations). */
/**
 * Adds "shipped via …" to the order's notes with its audit line, once per package (keyed by PO and
 * tracking number): run inside the transaction that stores the package, or on its own (then in one).
 */
export async function addShipmentNote(
  db: Db | Transaction,
  note: { dealerId: string; orderId: string; poNumber: string; distributorName: string; carrier: string; trackingNumber: string },
): Promise<void> {
  const key = `shipment-note/${note.dealerId}/${note.poNumber}/${note.trackingNumber}`;
  const body = `${note.distributorName} shipped PO ${note.poNumber} via ${note.carrier}, tracking ${note.trackingNumber}`;
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(orderNotes).values({ orderId: note.orderId, key, author: 'system', body }).onConflictDoNothing().returning();
    if (inserted.length === 0) return;
    await appendAuditEvent(tx, {
      dealerId: note.dealerId,
      orderId: note.orderId,
      poNumber: note.poNumber,
      actor: { type: 'system' },
      type: 'order.note_added',
      summary: body,
      dedupeKey: `note:${key}`,
    });
  });
}

export function lockOrder(tx: Transaction, orderId: string) {
  return tx.execute(sql`select pg_advisory_xact_lock(hashtext(${orderId}))`);
}

/**
 * Derives the order's shipping status from its lines and what every PO has shipped or had cancelled
 * so far (see orderShippingStatus). POs verified not placed do not count. Run it inside the
 * transaction that changed the quantities, after lockOrder, so two POs of one order finishing at the
 * same moment cannot each miss the other's last package.
 */
export async function refreshOrderShippingStatus(tx: Transaction, orderId: string): Promise<void> {
  const rows = await tx
    .select({
      orderLineId: orderLines.id,
      ordered: orderLines.quantity,
      placed: { quantity: poLines.quantity, shippedQty: poLines.shippedQty, cancelledQty: poLines.cancelledQty },
    })
    .from(orderLines)
    .leftJoin(poLines, eq(poLines.orderLineId, orderLines.id))
    .leftJoin(purchaseOrders, eq(purchaseOrders.id, poLines.poId))
    .where(and(eq(orderLines.orderId, orderId), or(isNull(purchaseOrders.status), ne(purchaseOrders.status, 'failed'))));
  const lines = new Map<string, OrderLineShipping & { placed: OrderLineShipping['placed'][number][] }>();
  for (const row of rows) {
    const line = lines.get(row.orderLineId) ?? { ordered: row.ordered, placed: [] };
    if (row.placed) line.placed.push(row.placed);
    lines.set(row.orderLineId, line);
  }
  const status = orderShippingStatus([...lines.values()]);
  if (!status) return;
  const [order] = await tx.update(orders).set({ status }).where(eq(orders.id, orderId)).returning({ dealerId: orders.dealerId });
  // Every line shipped what is due: nothing is left to resolve for it.
  if (status === 'shipped') await closeOrderExceptions(tx, { dealerId: order!.dealerId, orderId }, ['needs_resolution'], 'the order has shipped');
}

export async function setOrderStatus(db: Db | Transaction, orderId: string, status: string): Promise<void> {
  await db.update(orders).set({ status }).where(eq(orders.id, orderId));
}

/**
 * An order whose every PO ended refused or cancelled, before anything shipped, is open again: nothing is
 * on its way, and its lines can be drop-shipped anew (or re-routed from the PO).
 */
export async function reopenOrderIfNothingPlaced(tx: Transaction, orderId: string): Promise<void> {
  await tx.execute(sql`
    update orders set status = 'open' where id = ${orderId} and status = 'dropshipping'
      and not exists (select 1 from purchase_orders p where p.order_id = orders.id and p.status not in ('failed', 'cancelled'))`);
}
