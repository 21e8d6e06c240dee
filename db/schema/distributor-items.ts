import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.js';

/** The distributor-level words a dealer searches the catalog by, as one text (index and query must build it alike). */
export const distributorItemSearchText = (t: {
  distributorSku: AnyPgColumn;
  brand: AnyPgColumn;
  manufacturerPartNumber: AnyPgColumn;
  description: AnyPgColumn;
}) =>
  sql`lower(${t.distributorSku} || ' ' || coalesce(${t.brand}, '') || ' ' || coalesce(${t.manufacturerPartNumber}, '') || ' ' || coalesce(${t.description}, ''))`;

/** The part number as the cross-reference compares it (domain/cross-reference.ts normalises alike). */
export const partNumberKey = (manufacturerPartNumber: AnyPgColumn) => sql`upper(regexp_replace(${manufacturerPartNumber}, '[^A-Za-z0-9]', '', 'g'))`;

/**
 * A distributor's item as every dealer's feed of that distributor describes it: one row per part,
 * shared by all dealers (what is theirs, cost and their SKU, is in catalog_items). Whichever feed
 * imported last keeps it current; the manufacturer part number and brand are what a dealer SKU can be
 * cross-referenced by.
 */
export const distributorItems = pgTable(
  'distributor_items',
  {
    distributor: text('distributor').notNull(),
    distributorSku: text('distributor_sku').notNull(),
    description: text('description'),
    /** The distributor's lead time for the item, when its feed gives one. */
    leadTimeDays: integer('lead_time_days'),
    manufacturerPartNumber: text('manufacturer_part_number'),
    brand: text('brand'),
    /**
     * The item's place in stock_pages (page = slot / STOCK_PAGE_ITEMS): numbered as items are first
     * inserted, so a feed's batch of them shares a few pages.
     */
    stockSlot: bigint('stock_slot', { mode: 'number' })
      .notNull()
      .default(sql`nextval('distributor_item_slots')`),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.distributor, t.distributorSku] }),
    // Cross-reference lookups: the same part at another distributor, then joined to the dealer's catalog.
    index('distributor_items_part_number_idx').on(partNumberKey(t.manufacturerPartNumber)),
    // The catalog screen's search over the shared words (pg_trgm; db/repositories/catalog.ts builds the same text).
    index('distributor_items_search_idx').using('gin', sql`(${distributorItemSearchText(t)}) gin_trgm_ops`),
  ],
);
