import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { addressProblems } from '../../domain/address.js';
import type { DropshipFacts } from '../../domain/dropship-plan.js';
import { previewRouting, type RoutingPreview } from '../../domain/routing-preview.js';
import type { Db } from '../client.js';
import { dealers, distributorAccounts, orderLines, orders, poLines, purchaseOrders, shippingMappings, warehouses } from '../schema/index.js';
import { accountFacts, candidateFinder, carryingItems, stockOf } from './dropship-facts.js';

type OrderRow = typeof orders.$inferSelect;
type OrderLineRow = typeof orderLines.$inferSelect;

export interface PreviewedOrder {
  lines: OrderLineRow[];
  preview: RoutingPreview;
}

/**
 * The routing preview of many orders of one dealer at once: the same facts a drop-ship loads
 * (factsFor), gathered for the whole page in a fixed number of queries instead of a round per order.
 * Only reads.
 */
export async function previewOrders(db: Db, dealerId: string, page: OrderRow[]): Promise<Map<string, PreviewedOrder>> {
  const result = new Map<string, PreviewedOrder>();
  if (page.length === 0) return result;
  const ids = page.map((o) => o.id);
  const [dealer] = await db.select().from(dealers).where(eq(dealers.id, dealerId));
  if (!dealer) throw new Error(`Dealer ${dealerId} not found`);
  const lines = await db.select().from(orderLines).where(inArray(orderLines.orderId, ids)).orderBy(orderLines.orderId, orderLines.lineNumber);
  // Only orders still to drop-ship are routed; the others' lines are listed but judged by status alone.
  const routable = new Set(page.filter((o) => o.status === 'open' || o.status === 'awaiting_payment').map((o) => o.id));
  const routedLines = lines.filter((l) => routable.has(l.orderId));
  const items = await carryingItems(db, dealerId, [...new Set(routedLines.map((l) => l.dealerSku))]);
  const [accounts, stock, whs, mappings, placed] = await Promise.all([
    db.select().from(distributorAccounts).where(eq(distributorAccounts.dealerId, dealerId)),
    stockOf(db, items),
    db.select().from(warehouses).where(eq(warehouses.dealerId, dealerId)),
    db.select().from(shippingMappings).where(eq(shippingMappings.dealerId, dealerId)),
    routedLines.length === 0
      ? Promise.resolve([])
      : db
          .select({
            orderLineId: poLines.orderLineId,
            quantity: sql<number>`sum(${poLines.quantity} - greatest(${poLines.cancelledQty}, ${poLines.reroutedQty}))::int`,
          })
          .from(poLines)
          .innerJoin(purchaseOrders, eq(purchaseOrders.id, poLines.poId))
          .where(
            and(
              eq(purchaseOrders.dealerId, dealerId),
              inArray(purchaseOrders.orderId, [...routable]),
              notInArray(purchaseOrders.status, ['failed', 'cancelled']),
            ),
          )
          .groupBy(poLines.orderLineId),
  ]);
  const candidatesFor = candidateFinder(items, stock, whs);
  const alreadyPlaced = new Map(placed.map((p) => [p.orderLineId, p.quantity]));
  const accountsFacts = accountFacts(accounts);

  for (const order of page) {
    const own = lines.filter((l) => l.orderId === order.id);
    const facts: DropshipFacts = {
      dealerId,
      orderId: order.id,
      channel: order.channel,
      dropshipCutoffCents: dealer.dropshipCutoffCents,
      stockBuffer: dealer.stockBuffer,
      preference: dealer.distributorPreference,
      accounts: accountsFacts,
      shipToProblems: addressProblems(order.shipTo),
      shippingRateName: order.shippingRateName,
      shippingMethods: Object.fromEntries(
        mappings.filter((m) => m.channel === order.channel && m.rateName === order.shippingRateName).map((m) => [m.distributor, m.methodCode]),
      ),
      lines: routable.has(order.id)
        ? own.map((line) => ({
            lineId: line.id,
            dealerSku: line.dealerSku,
            quantity: line.quantity,
            alreadyDropshippedQty: alreadyPlaced.get(line.id) ?? 0,
            unitPriceCents: line.unitPriceCents,
            candidates: candidatesFor(line.dealerSku),
          }))
        : [],
    };
    result.set(order.id, { lines: own, preview: previewRouting(order.status, facts) });
  }
  return result;
}

/** One order's preview, or null when the dealer has no such order. */
export async function previewOrder(db: Db, dealerId: string, orderId: string): Promise<{ order: OrderRow; preview: RoutingPreview } | null> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.dealerId, dealerId)));
  if (!order) return null;
  const previews = await previewOrders(db, dealerId, [order]);
  return { order, preview: previews.get(order.id)!.preview };
}
