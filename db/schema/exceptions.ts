import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** Something that needs the dealer: a failed PO, a PO given up after 6 weeks, a line to resolve… */
export const exceptions = pgTable(
  'exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id').notNull(),
    orderId: uuid('order_id'),
    poNumber: text('po_number'),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    key: text('key').notNull().unique(),
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('exceptions_dealer_status_idx').on(t.dealerId, t.status)],
);
