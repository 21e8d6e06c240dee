import { jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * The ledger of outbound side effects (buyer emails, channel pushes, dealer emails). One row per
 * (kind, key) makes each happen once, beyond the 24-hour memory of provider idempotency keys. The row
 * is written with what is to be sent before the first attempt, so every retry sends exactly that
 * under the same provider key; `external_id` is set once the provider has taken it.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    /** The provider's id for what was delivered; null while it has not been. */
    externalId: text('external_id'),
    /** What is sent, fixed the first time it is built (null on rows from before it was kept). */
    request: jsonb('request').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [unique('deliveries_kind_key_uq').on(t.kind, t.key)],
);
