import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/** Every field a dealer searches the catalog by, as one text (index and query must build it alike). */
export const catalogSearchText = (t: {
  distributorSku: AnyPgColumn;
  dealerSku: AnyPgColumn;
  brand: AnyPgColumn;
  manufacturerPartNumber: AnyPgColumn;
  description: AnyPgColumn;
}) =>
  sql`lower(${t.distributorSku} || ' ' || ${t.dealerSku} || ' ' || coalesce(${t.brand}, '') || ' ' || coalesce(${t.manufacturerPartNumber}, '') || ' ' || coalesce(${t.description}, ''))`;

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
    // The catalog screen's search: any part of any of these, without case (pg_trgm; db/repositories/catalog.ts builds the same text).
    index('catalog_items_search_idx').using('gin', sql`(${catalogSearchText(t)}) gin_trgm_ops`),
  ],
);
