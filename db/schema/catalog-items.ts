import { integer, pgView, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A distributor item in a dealer's catalog: the dealer SKU it fulfils and the dealer's cost, as
 * routing, eligibility and the catalog screen read it. A view (migration 0032 defines it) over
 * dealer_price_pages, a dealer's prices packed by the items' stock slots, and dealer_skus, the items a
 * dealer sells under a SKU of their own; a row per item the dealer has a price for. What the item is
 * (description, brand, part number, lead time) and its stock are the distributor's, shared by every
 * dealer in distributor_items and distributor_stock (joined on distributor + distributor SKU).
 * Filter it by dealer, distributor and SKU: the view finds an item's page through distributor_items.
 * Written by db/repositories/dealer-prices.ts, or by hand through the view's INSTEAD OF triggers
 * (insert, update of cost or dealer SKU, delete), as a table would be.
 */
export const catalogItems = pgView('catalog_items', {
  dealerId: text('dealer_id').notNull(),
  distributor: text('distributor').notNull(),
  distributorSku: text('distributor_sku').notNull(),
  dealerSku: text('dealer_sku').notNull(),
  costCents: integer('cost_cents').notNull(),
  /** When the dealer's cost or SKU of the item last changed. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}).existing();
