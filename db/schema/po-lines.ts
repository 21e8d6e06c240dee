import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
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
  },
  (t) => [primaryKey({ columns: [t.poId, t.orderLineId] })],
);
