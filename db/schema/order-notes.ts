import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { orders } from './orders.js';

/** Notes on an order, e.g. "Shipped via UPS 1Z…". `key` makes a retried note land once. */
export const orderNotes = pgTable('order_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  orderId: uuid('order_id')
    .notNull()
    .references(() => orders.id),
  key: text('key').notNull().unique(),
  author: text('author').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
});
