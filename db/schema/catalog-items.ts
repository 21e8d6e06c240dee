import { index, integer, pgTable, primaryKey, text, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/**
 * The item is sold under a SKU of the dealer's own, not the distributor's. Written as `is true` for the
 * planner: it has no statistics for a comparison of two columns and guesses that nearly every row
 * differs, but this expression has statistics of its own (catalog_items_mapped_stats, made with the
 * index's migration), which tell it how few items dealers map. Index and search must write it alike.
 */
export const mappedDealerSku = (t: { dealerSku: AnyPgColumn; distributorSku: AnyPgColumn }) => sql`(${t.dealerSku} <> ${t.distributorSku}) is true`;

/**
 * A distributor item in a dealer's catalog: the dealer SKU it fulfils and the dealer's cost. What the
 * item is (description, brand, part number, lead time) and its stock are the distributor's, shared by
 * every dealer in distributor_items and distributor_stock (joined on distributor + distributor SKU);
 * a dealer sees them only through a row here. Its pages are kept a tenth free (fillfactor 90, set by
 * migration 0030), so that a day's changed prices are updated in place, with no new index entries.
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
    costCents: integer('cost_cents').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.dealerId, t.distributor, t.distributorSku] }),
    // Routing finds a dealer's SKUs by (dealer, SKU): an item sold under the distributor's SKU through
    // the primary key, one mapped to a SKU of the dealer's own through this index, which holds only
    // those. Indexing every item here cost a new dealer's import more than inserting its rows: the SKU
    // leads, so their entries landed all over an index of every dealer's. (Led by the dealer, it also
    // matched a probe by dealer alone, and the planner, estimating one row for a dealer new to its
    // statistics, used it for key look-ups and read every row of the dealer on each of them.)
    index('catalog_items_dealer_sku_idx').on(t.dealerSku, t.dealerId).where(mappedDealerSku(t)),
    // The catalog screen's search by any part of the dealer SKU (pg_trgm); the shared words are searched on distributor_items.
    // Only SKUs the dealer mapped to one of their own: a feed creates every item under the distributor's
    // SKU, which distributor_items' search text already holds, and indexing it again here was nearly half
    // of a new dealer's first import. The search repeats the condition (mappedDealerSku) so the planner uses it.
    index('catalog_items_dealer_sku_search_idx')
      .using('gin', sql`(lower(${t.dealerSku})) gin_trgm_ops`)
      .where(mappedDealerSku(t)),
  ],
);
