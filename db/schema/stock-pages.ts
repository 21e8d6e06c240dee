import { bigint, customType, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A distributor's stock, a physical fact stored once for every dealer, packed: one row per page of
 * STOCK_PAGE_ITEMS places, an item's place given by its distributor_items.stock_slot, numbered in the
 * order the distributor's feed first listed them, so a feed batch rewrites a few hundred rows instead
 * of a row per item and warehouse.
 * A day's feed changes a fifth of a distributor's quantities; as a row per (item, warehouse) that was
 * a million row versions, index entries and their WAL, more than Postgres writes in the time a day's
 * import is meant to take. Written by db/repositories/stock-pages.ts alone; read through the
 * distributor_stock view, a row per (item, warehouse) as before.
 *
 * The cells are bytes, which the writer reads and writes without parsing or printing a number, by
 * place: the item at place p (slot % STOCK_PAGE_ITEMS) has its quantity at warehouses[w] as the
 * big-endian int32 at byte 4 × (p × cardinality(warehouses) + w) of `quantities` (-1 where it never had
 * stock there: a feed keeps none for a warehouse that never stocked it), its stamp as the big-endian
 * int64 of epoch milliseconds at byte 8 × p of `as_ofs` (0: never stamped), and its source as byte p of
 * `sources` (0 feed, 1 live check). Migration 0028 defines the SQL functions the view decodes them with.
 */
export const stockPages = pgTable(
  'stock_pages',
  {
    distributor: text('distributor').notNull(),
    page: bigint('page', { mode: 'number' }).notNull(),
    warehouses: text('warehouses').array().notNull(),
    quantities: bytea('quantities').notNull(),
    /** When each item's stock was last observed changed: newest wins. */
    asOfs: bytea('as_ofs').notNull(),
    /** What observed it (StockSource). */
    sources: bytea('sources').notNull(),
  },
  (t) => [primaryKey({ columns: [t.distributor, t.page] })],
);

/**
 * Places per stock page: a feed batch of 20,000 rows rewrites about 160 pages of some 4 KB, each short
 * enough to be stored in its row as it is, neither compressed nor moved out of line (toast_tuple_target).
 * Migration 0028 and its view hold the same number.
 */
export const STOCK_PAGE_ITEMS = 128;
