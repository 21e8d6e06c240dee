import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { Address } from '../../domain/address.js';
import { createdAt, updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/** An order as the buyer placed it on a sales channel. Buyer fields are PII. */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    channel: text('channel').notNull(),
    channelOrderId: text('channel_order_id').notNull(),
    buyerName: text('buyer_name').notNull(),
    buyerEmail: text('buyer_email'),
    buyerPhone: text('buyer_phone'),
    shipTo: jsonb('ship_to').$type<Address>().notNull(),
    shippingRateName: text('shipping_rate_name').notNull(),
    status: text('status').notNull().default('open'),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the order must have shipped: the channel's date (eBay, Amazon), or the dealer's handling time from placedAt; null when neither is known. */
    shipBy: timestamp('ship_by', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('orders_channel_order_uq').on(t.dealerId, t.channel, t.channelOrderId),
    index('orders_dealer_created_idx').on(t.dealerId, t.createdAt),
    index('orders_dealer_ship_by_idx').on(t.dealerId, t.shipBy),
    // Order search (q): any part of the order number, buyer name or email, in any case (pg_trgm).
    index('orders_search_trgm_idx').using('gin', t.channelOrderId.op('gin_trgm_ops'), t.buyerName.op('gin_trgm_ops'), t.buyerEmail.op('gin_trgm_ops')),
    // A PO search by order number, in any case.
    index('orders_dealer_number_lower_idx').on(t.dealerId, sql`lower(${t.channelOrderId})`),
  ],
);
