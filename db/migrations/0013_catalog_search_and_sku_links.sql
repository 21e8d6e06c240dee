CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "sku_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealer_id" text NOT NULL,
	"dealer_sku" text NOT NULL,
	"distributor" text NOT NULL,
	"distributor_sku" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sku_links_link_key" UNIQUE("dealer_id","dealer_sku","distributor","distributor_sku")
);
--> statement-breakpoint
ALTER TABLE "sku_links" ADD CONSTRAINT "sku_links_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sku_links_item_idx" ON "sku_links" USING btree ("dealer_id","distributor","distributor_sku");--> statement-breakpoint
CREATE INDEX "catalog_items_search_idx" ON "catalog_items" USING gin ((lower("distributor_sku" || ' ' || "dealer_sku" || ' ' || coalesce("brand", '') || ' ' || coalesce("manufacturer_part_number", '') || ' ' || coalesce("description", ''))) gin_trgm_ops);