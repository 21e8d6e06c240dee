import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type { LineCancelState } from '../../domain/cancellation.js';
import { orderLines } from './order-lines.js';
import { purchaseOrders } from './purchase-orders.js';

export const poLines = pgTable(
  'po_lines',
  {
    poId: uuid('po_id')
      .notNull()
      .references(() => purchaseOrders.id),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    dealerSku: text('dealer_sku').notNull(),
    distributorSku: text('distributor_sku').notNull(),
    quantity: integer('quantity').notNull(),
    shippedQty: integer('shipped_qty').notNull().default(0),
    cancelledQty: integer('cancelled_qty').notNull().default(0),
    /** Units the distributor reports backordered (its latest report). */
    backorderedQty: integer('backordered_qty').notNull().default(0),
    /** Units moved to another distributor's PO by a re-route; they no longer count as placed here. */
    reroutedQty: integer('rerouted_qty').notNull().default(0),
    /** Where the dealer's request to cancel this line stands; null when none was made. */
    cancelState: text('cancel_state').$type<LineCancelState>(),
  },
  (t) => [primaryKey({ columns: [t.poId, t.orderLineId] })],
);
