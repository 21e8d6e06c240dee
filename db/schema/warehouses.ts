import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { dealers } from './dealers.js';

/** A distributor warehouse as the dealer's inventory rules see it: lead time > 1 day is not drop-shippable. */
export const warehouses = pgTable(
  'warehouses',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    leadTimeDays: integer('lead_time_days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.distributor, t.code] })],
);
