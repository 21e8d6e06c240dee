DROP INDEX "catalog_items_dealer_sku_idx";--> statement-breakpoint
CREATE INDEX "catalog_items_dealer_sku_idx" ON "catalog_items" USING btree ("dealer_sku","dealer_id");