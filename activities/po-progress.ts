import { and, asc, eq } from 'drizzle-orm';
import { orderLines, poLines, purchaseOrders } from '../db/schema/index.js';
import type { PoLineProgress } from '../domain/po-progress.js';
import type { ActivityDeps } from './deps.js';
import type { PoRef } from './purchase-order.js';

/** What a PO's lines have shipped, read for the messages that must say it. */
export function poProgressActivities({ db }: ActivityDeps) {
  return {
    /** Each line of the PO with its shipped and cancelled units, in the order's line order. Read-only. */
    async loadPoLineProgress(ref: PoRef): Promise<PoLineProgress[]> {
      return db
        .select({ distributorSku: poLines.distributorSku, quantity: poLines.quantity, shippedQty: poLines.shippedQty, cancelledQty: poLines.cancelledQty })
        .from(poLines)
        .innerJoin(purchaseOrders, eq(purchaseOrders.id, poLines.poId))
        .innerJoin(orderLines, eq(orderLines.id, poLines.orderLineId))
        .where(and(eq(purchaseOrders.dealerId, ref.dealerId), eq(purchaseOrders.poNumber, ref.poNumber)))
        .orderBy(asc(orderLines.lineNumber));
    },
  };
}
