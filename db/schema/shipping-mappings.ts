import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { dealers } from './dealers.js';

/** A channel's shipping-rate name mapped to one distributor's shipping method code. */
export const shippingMappings = pgTable(
  'shipping_mappings',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    channel: text('channel').notNull(),
    rateName: text('rate_name').notNull(),
    distributor: text('distributor').notNull(),
    methodCode: text('method_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.channel, t.rateName, t.distributor] })],
);
