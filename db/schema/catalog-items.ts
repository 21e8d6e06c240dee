import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/**
 * A distributor item and the dealer SKU it fulfils, with the dealer's cost. Feed imports keep cost,
 * description and lead time current; the manufacturer part number and brand are what a dealer SKU
 * can be cross-referenced by.
 */
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
    /** The distributor's lead time for the item, when its feed gives one. */
    leadTimeDays: integer('lead_time_days'),
    manufacturerPartNumber: text('manufacturer_part_number'),
    brand: text('brand'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.dealerId, t.distributor, t.distributorSku] }),
    index('catalog_items_dealer_sku_idx').on(t.dealerId, t.dealerSku),
    // Cross-reference lookups: the same part at another distributor (domain/cross-reference.ts normalises alike).
    index('catalog_items_part_number_idx').on(t.dealerId, sql`upper(regexp_replace(${t.manufacturerPartNumber}, '[^A-Za-z0-9]', '', 'g'))`),
  ],
);
