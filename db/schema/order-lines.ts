import { index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { orders } from './orders.js';

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    lineNumber: integer('line_number').notNull(),
    channelLineId: text('channel_line_id'),
    dealerSku: text('dealer_sku').notNull(),
    title: text('title'),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
  },
  (t) => [
    unique('order_lines_order_line_uq').on(t.orderId, t.lineNumber),
    // Order search (q) by any part of a SKU, in any case (pg_trgm).
    index('order_lines_sku_trgm_idx').using('gin', t.dealerSku.op('gin_trgm_ops')),
  ],
);
