import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/** A distributor item and the dealer SKU it fulfils, with the dealer's cost. */
export const catalogItems = pgTable(
  'catalog_items',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').notNull(),
    distributorSku: text('distributor_sku').notNull(),
    dealerSku: text('dealer_sku').notNull(),
    description: text('description'),
    costCents: integer('cost_cents').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.dealerId, t.distributor, t.distributorSku] }),
    index('catalog_items_dealer_sku_idx').on(t.dealerId, t.dealerSku),
  ],
);
