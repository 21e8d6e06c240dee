import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dealers } from './dealers.js';
import { orders } from './orders.js';

/**
 * Webhook deliveries already taken in, by the sender's delivery id (Shopify's X-Shopify-Webhook-Id).
 * Written in the same transaction as what the delivery stored, so a redelivery changes nothing.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    source: text('source').notNull(),
    deliveryId: text('delivery_id').notNull(),
    topic: text('topic').notNull(),
    orderId: uuid('order_id').references(() => orders.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.source, t.deliveryId] })],
);
