import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { DIGEST_DEFAULTS } from '../../domain/digest.js';
import { createdAt, updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/**
 * When the dealer's daily digest goes out (local time in dealers.time_zone) and what it counts as
 * late. No row means the defaults, digest off: its schedule is made when the dealer saves these.
 */
export const digestSettings = pgTable('digest_settings', {
  dealerId: text('dealer_id')
    .primaryKey()
    .references(() => dealers.id),
  enabled: boolean('enabled').notNull().default(DIGEST_DEFAULTS.enabled),
  hour: integer('hour').notNull().default(DIGEST_DEFAULTS.hour),
  minute: integer('minute').notNull().default(DIGEST_DEFAULTS.minute),
  /** A PO not fully shipped this many days after it was placed is listed in the digest. */
  unshippedAfterDays: integer('unshipped_after_days').notNull().default(DIGEST_DEFAULTS.unshippedAfterDays),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
