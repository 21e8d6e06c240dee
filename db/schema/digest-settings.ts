import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/**
 * When the dealer's daily digest goes out (local time in dealers.time_zone) and what it counts as
 * late. No row means the defaults with the digest off: a schedule exists only once the dealer has
 * saved these, so the row never claims a digest Temporal does not know about.
 */
export const digestSettings = pgTable('digest_settings', {
  dealerId: text('dealer_id')
    .primaryKey()
    .references(() => dealers.id),
  enabled: boolean('enabled').notNull().default(false),
  hour: integer('hour').notNull().default(7),
  minute: integer('minute').notNull().default(0),
  /** A PO not fully shipped this many days after it was placed is listed in the digest. */
  unshippedAfterDays: integer('unshipped_after_days').notNull().default(5),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
