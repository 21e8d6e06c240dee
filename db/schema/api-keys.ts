import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../../domain/roles.js';
import { createdAt } from './columns.js';
import { dealers } from './dealers.js';

/** Dealer API keys. Only a SHA-256 hash is stored; the key itself is shown once at creation. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    name: text('name').notNull(),
    /** The first characters of the key, so a dealer can tell keys apart. */
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull().unique(),
    /** What the key may do; keys made before roles existed are owners', so integrations keep working. */
    role: text('role').$type<Role>().notNull().default('owner'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_dealer_idx').on(t.dealerId)],
);
