import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** What observed a stock figure: a dealer's feed import (as of its start) or a live check before a PO. */
export type StockSource = 'feed' | 'live_check';

/**
 * Stock of one distributor item at one of its warehouses: a physical fact of the distributor, stored
 * once for every dealer and read by each through their own catalog_items row. Newest wins: a write
 * lands only where its as_of is at least the stored one, so a feed that started before a live check
 * but finished after it cannot undo it. A warehouse seen empty keeps its row at quantity 0 with the
 * time it was seen so, for the same reason (feeds create no rows for warehouses that never stocked it).
 * Its pages keep a fifth free (fillfactor 80, set by migration 0026: drizzle has no table storage
 * options), so a day's changed quantities fit on their rows' own pages and add no index entries (HOT updates).
 */
export const distributorStock = pgTable(
  'distributor_stock',
  {
    distributor: text('distributor').notNull(),
    distributorSku: text('distributor_sku').notNull(),
    warehouseCode: text('warehouse_code').notNull(),
    quantity: integer('quantity').notNull(),
    /** When the source observed this quantity (a feed import's start, a live check's time). */
    asOf: timestamp('as_of', { withTimezone: true }).notNull().defaultNow(),
    source: text('source').$type<StockSource>().notNull().default('feed'),
  },
  (t) => [primaryKey({ columns: [t.distributor, t.distributorSku, t.warehouseCode] })],
);
