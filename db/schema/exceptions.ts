import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** Makes raising idempotent: one row per key, whatever is retried. */
    key: text('key').notNull().unique(),
    /** What brought it about; while one is open, the same cause raises no second one. */
    cause: text('cause'),
    status: text('status').$type<ExceptionStatus>().notNull().default('open'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Who resolved it (the acting user, or the API key when none was named); 'system' when it closed by itself. */
    resolvedBy: text('resolved_by'),
    /** How the cause went away, when the exception closed by itself. */
    resolution: text('resolution'),
  },
  (t) => [
    // The inbox lists one status newest first, a page at a time.
    index('exceptions_dealer_status_idx').on(t.dealerId, t.status, t.createdAt, t.id),
    // The resolved view lists newest resolved first.
    index('exceptions_dealer_resolved_idx')
      .on(t.dealerId, t.resolvedAt, t.id)
      .where(sql`status = 'resolved'`),
    // While one is open, the same cause raises no other (see raiseException).
    uniqueIndex('exceptions_open_cause_uq')
      .on(t.dealerId, t.cause)
      .where(sql`status = 'open' and cause is not null`),
  ],
);
