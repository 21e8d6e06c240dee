import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Address } from '../../domain/address.js';
import type { Db } from '../client.js';
import { exceptions, orderLines, orders } from '../schema/index.js';
import { autoDropshipToStart, type DropshipStart } from './dropships.js';

export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

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
      ...(order.placedAt ? { placedAt: order.placedAt } : {}),
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

export async function findOrder(db: Db, dealerId: string, orderId: string) {
  const [order] = await db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.dealerId, dealerId)));
  if (!order) return null;
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.lineNumber);
  return { ...order, lines };
}

export interface OrderFilter {
  status?: string | undefined;
  /** Whether the order has something open in the exception inbox. */
  needsResolution?: boolean | undefined;
  channel?: string | undefined;
  /** Created at or after. */
  from?: Date | undefined;
  /** Created before. */
  to?: Date | undefined;
  /** Id of the last order of the previous page; paging compares with that order's own (created_at, id). */
  after?: string | undefined;
  limit: number;
}

/** A dealer's orders, newest first. */
export function listOrders(db: Db, dealerId: string, filter: OrderFilter) {
  const openException = sql`exists (select 1 from ${exceptions} where ${exceptions.orderId} = ${orders.id} and ${exceptions.status} = 'open')`;
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.dealerId, dealerId),
        filter.status ? eq(orders.status, filter.status) : undefined,
        filter.channel ? eq(orders.channel, filter.channel) : undefined,
        filter.needsResolution === undefined ? undefined : filter.needsResolution ? openException : sql`not ${openException}`,
        filter.from ? gte(orders.createdAt, filter.from) : undefined,
        filter.to ? lt(orders.createdAt, filter.to) : undefined,
        filter.after ? sql`(${orders.createdAt}, ${orders.id}) < (select o.created_at, o.id from orders o where o.id = ${filter.after} and o.dealer_id = ${dealerId})` : undefined,
      ),
    )
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(filter.limit);
}

/** Derives the order's shipping status from its lines and what every PO has shipped so far. */
export async function refreshOrderShippingStatus(db: Db, orderId: string): Promise<void> {
  await db.execute(sql`
    update orders o set status = case
        when s.shipped >= s.ordered then 'shipped'
        when s.shipped > 0 then 'partially_shipped'
        else o.status end,
      updated_at = now()
    from (
      select coalesce(sum(ol.quantity), 0) as ordered,
             coalesce((select sum(pl.shipped_qty) from po_lines pl join order_lines l on l.id = pl.order_line_id
                       where l.order_id = ${orderId}), 0) as shipped
      from order_lines ol where ol.order_id = ${orderId}
    ) s
    where o.id = ${orderId}`);
}

export async function setOrderStatus(db: Db, orderId: string, status: string): Promise<void> {
  await db.update(orders).set({ status }).where(eq(orders.id, orderId));
}
