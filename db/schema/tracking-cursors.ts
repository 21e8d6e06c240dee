import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { dealers } from './dealers.js';

/**
 * Where a dealer account's tracking poller stands in listing its orders at a distributor. A run
 * fixes its window of order days (from the oldest open PO to today) and saves the page to read next
 * after each page's news is sent, so a crashed run resumes at that page; a finished window clears it.
 */
export const trackingCursors = pgTable(
  'tracking_cursors',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').notNull(),
    /** The window in progress, as calendar days "YYYY-MM-DD" (inclusive); null between runs. */
    windowFrom: text('window_from'),
    windowTo: text('window_to'),
    /** The distributor's own reference of the next page; null means the window's first page. */
    nextPage: text('next_page'),
    /** When the last window was listed to its end. */
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.distributor] })],
);
