import { integer, pgView, text, timestamp } from 'drizzle-orm/pg-core';

/** What observed a stock figure: a dealer's feed import (as of its start) or a live check before a PO. */
export type StockSource = 'feed' | 'live_check';

/**
 * Stock of one distributor item at one of its warehouses, as routing, the live check and the catalog
 * screen read it: a view over stock_pages (migration 0028 defines it), a row per (item, warehouse)
 * the item ever had stock at. Newest wins, by item: `as_of` is when its stock was last observed
 * changed, by a feed import (as of its start) or a live check, and an older observation changes
 * nothing. A warehouse seen empty keeps its row at quantity 0, so an older feed cannot bring the stock back.
 * Filter it by distributor and SKU: the view finds an item's page through distributor_items.
 */
export const distributorStock = pgView('distributor_stock', {
  distributor: text('distributor').notNull(),
  distributorSku: text('distributor_sku').notNull(),
  warehouseCode: text('warehouse_code').notNull(),
  quantity: integer('quantity').notNull(),
  asOf: timestamp('as_of', { withTimezone: true }).notNull(),
  source: text('source').$type<StockSource>().notNull(),
}).existing();
