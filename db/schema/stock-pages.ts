import { doublePrecision, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * A distributor's stock, a physical fact stored once for every dealer, packed: one row per page of
 * up to STOCK_PAGE_ITEMS items (distributor_items.stock_page), in the order the distributor's feed
 * first listed them, so a feed batch rewrites a few dozen rows instead of a row per item and warehouse.
 * A day's feed changes a fifth of a distributor's quantities; as a row per (item, warehouse) that was
 * a million row versions, index entries and their WAL, more than Postgres writes in the time a day's
 * import is meant to take. Written by db/repositories/stock-pages.ts alone; read through the
 * distributor_stock view, a row per (item, warehouse) as before.
 *
 * Each array is by position: item i (1-based) of `skus` has as_ofs[i] and sources[i], and its
 * quantity at warehouses[w] is quantities[(i - 1) * cardinality(warehouses) + w], null where the item
 * never had a row for that warehouse (a feed makes none for a warehouse that never stocked it).
 */
export const stockPages = pgTable(
  'stock_pages',
  {
    distributor: text('distributor').notNull(),
    page: integer('page').notNull(),
    skus: text('skus').array().notNull(),
    warehouses: text('warehouses').array().notNull(),
    quantities: integer('quantities').array().notNull(),
    /** When each item's stock was last observed changed (epoch milliseconds): newest wins. */
    asOfs: doublePrecision('as_ofs').array().notNull(),
    /** What observed it (StockSource). */
    sources: text('sources').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.distributor, t.page] })],
);

/** Items per stock page: a feed batch of 20,000 rows rewrites about 80 pages of some 15 KB. */
export const STOCK_PAGE_ITEMS = 256;
