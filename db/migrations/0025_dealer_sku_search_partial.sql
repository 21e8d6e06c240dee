DROP INDEX "catalog_items_dealer_sku_search_idx";--> statement-breakpoint
CREATE INDEX "catalog_items_dealer_sku_search_idx" ON "catalog_items" USING gin ((lower("dealer_sku")) gin_trgm_ops) WHERE ("catalog_items"."dealer_sku" <> "catalog_items"."distributor_sku") is true;--> statement-breakpoint
-- Statistics the planner had from the full index and needs to choose between this index and walking
-- the dealer's items (drizzle-kit does not write statistics): for the index's condition (see
-- mappedDealerSku in db/schema/catalog-items.ts), without which it guesses nearly every item is mapped
-- and walks all of the dealer's items for a text common in the distributor's SKUs; and for the searched
-- text, which only a full expression index gave it (a partial index's are not used).
CREATE STATISTICS IF NOT EXISTS "catalog_items_mapped_stats" ON (("dealer_sku" <> "distributor_sku")) FROM "catalog_items";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "catalog_items_dealer_sku_text_stats" ON (lower("dealer_sku")) FROM "catalog_items";--> statement-breakpoint
ANALYZE "catalog_items";
