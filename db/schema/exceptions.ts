import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ExceptionKind, ExceptionStatus } from '../../domain/exceptions.js';
import { createdAt } from './columns.js';

/** Something that needs the dealer: a failed PO, a PO given up after 6 weeks, a line to resolve… */
export const exceptions = pgTable(
  'exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id').notNull(),
    orderId: uuid('order_id'),
    poNumber: text('po_number'),
    kind: text('kind').$type<ExceptionKind>().notNull(),
    message: text('message').notNull(),
    key: text('key').notNull().unique(),
    status: text('status').$type<ExceptionStatus>().notNull().default('open'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Who resolved it (the acting user, or the API key when none was named). */
    resolvedBy: text('resolved_by'),
  },
  // The inbox lists one status newest first, a page at a time.
  (t) => [index('exceptions_dealer_status_idx').on(t.dealerId, t.status, t.createdAt, t.id)],
);
