DROP INDEX "catalog_items_dealer_sku_search_idx";--> statement-breakpoint
CREATE INDEX "catalog_items_dealer_sku_search_idx" ON "catalog_items" USING gin ((lower("dealer_sku")) gin_trgm_ops) WHERE ("catalog_items"."dealer_sku" <> "catalog_items"."distributor_sku") is true;--> statement-breakpoint
-- Statistics for the index's condition (drizzle-kit does not write them; see mappedDealerSku in
-- db/schema/catalog-items.ts): without them the planner guesses nearly every item is mapped, and for
-- a common text it walks all of the dealer's items instead of the few mapped ones in the index.
CREATE STATISTICS IF NOT EXISTS "catalog_items_mapped_stats" ON (("dealer_sku" <> "distributor_sku")) FROM "catalog_items";--> statement-breakpoint
ANALYZE "catalog_items";
