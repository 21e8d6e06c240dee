import { pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * The ledger of outbound side effects (buyer emails, channel pushes, dealer emails). One row per
 * (kind, key) makes each happen once, beyond the 24-hour memory of provider idempotency keys.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    externalId: text('external_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('deliveries_kind_key_uq').on(t.kind, t.key)],
);
