import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { PolledMarketplace } from '../../marketplaces/profiles.js';
import { dealers } from './dealers.js';

/**
 * How far a dealer's marketplace orders have been taken in. Every order last modified up to
 * modified_through is stored; a window in progress is window_end plus the page to read next, saved
 * after each page's orders are committed, so an interrupted import resumes where it stopped.
 */
export const channelOrderCursors = pgTable(
  'channel_order_cursors',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    channel: text('channel').$type<PolledMarketplace>().notNull(),
    modifiedThrough: timestamp('modified_through', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }),
    /** The marketplace's own page reference (eBay offset, Amazon NextToken); null means the first page. */
    nextPage: text('next_page'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.channel] })],
);
