import { index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { dealers } from './dealers.js';

/**
 * A dealer's own cross-reference: their SKU is fulfilled by this distributor item. Kept apart from
 * catalog_items, which every feed import rewrites, so the dealer's fix outlives the next import;
 * routing reads both. Deleting a link leaves what the feed says.
 */
export const skuLinks = pgTable(
  'sku_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    dealerSku: text('dealer_sku').notNull(),
    distributor: text('distributor').notNull(),
    distributorSku: text('distributor_sku').notNull(),
    /** Who made the link (the signed-in user, or the API key's name). */
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('sku_links_link_key').on(t.dealerId, t.dealerSku, t.distributor, t.distributorSku),
    // The catalog shows each item's links.
    index('sku_links_item_idx').on(t.dealerId, t.distributor, t.distributorSku),
  ],
);
