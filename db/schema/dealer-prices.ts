import { sql } from 'drizzle-orm';
import { bigint, customType, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { dealers } from './dealers.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A dealer's prices of a distributor's items, packed as the distributor's stock is (stock_pages): one
 * row per page of STOCK_PAGE_ITEMS places, an item's place given by its distributor_items.stock_slot.
 * Fifty dealers importing the same 200,000-item file hold ten million prices; as a row per price,
 * inserting them (a heap tuple, a primary-key entry and their WAL each) took Postgres longer than the
 * whole day's import of every dealer is meant to. As pages, a dealer's first import of the file
 * writes some 1,600 rows. Written by db/repositories/dealer-prices.ts; read through the catalog_items view.
 *
 * The item at place p (slot % STOCK_PAGE_ITEMS) has its cost in cents as the big-endian int32 at byte
 * 4 × p of `costs` (-1: the dealer has no price for it, so it is not in their catalog), and when the
 * cost or the dealer's SKU of it last changed as the big-endian int64 of epoch milliseconds at byte
 * 8 × p of `updated_ats`.
 */
export const dealerPricePages = pgTable(
  'dealer_price_pages',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').notNull(),
    page: bigint('page', { mode: 'number' }).notNull(),
    costs: bytea('costs').notNull(),
    updatedAts: bytea('updated_ats').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.distributor, t.page] })],
);

/**
 * The items a dealer sells under a SKU of their own, not the distributor's (a feed creates every item
 * under the distributor's): few, so routing and the catalog search find them by this table's indexes.
 * A row here for an item without a price in dealer_price_pages is not in the dealer's catalog.
 */
export const dealerSkus = pgTable(
  'dealer_skus',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').notNull(),
    distributorSku: text('distributor_sku').notNull(),
    dealerSku: text('dealer_sku').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dealerId, t.distributor, t.distributorSku] }),
    // Routing finds the items behind an order's SKUs.
    index('dealer_skus_dealer_sku_idx').on(t.dealerSku, t.dealerId),
    // The catalog screen's search by any part of the dealer SKU (pg_trgm).
    index('dealer_skus_search_idx').using('gin', sql`(lower(${t.dealerSku})) gin_trgm_ops`),
  ],
);
