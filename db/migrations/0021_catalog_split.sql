CREATE TABLE "distributor_items" (
	"distributor" text NOT NULL,
	"distributor_sku" text NOT NULL,
	"description" text,
	"lead_time_days" integer,
	"manufacturer_part_number" text,
	"brand" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "distributor_items_distributor_distributor_sku_pk" PRIMARY KEY("distributor","distributor_sku")
);
--> statement-breakpoint
CREATE TABLE "distributor_stock" (
	"distributor" text NOT NULL,
	"distributor_sku" text NOT NULL,
	"warehouse_code" text NOT NULL,
	"quantity" integer NOT NULL,
	"as_of" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text DEFAULT 'feed' NOT NULL,
	CONSTRAINT "distributor_stock_distributor_distributor_sku_warehouse_code_pk" PRIMARY KEY("distributor","distributor_sku","warehouse_code")
);
--> statement-breakpoint
CREATE INDEX "distributor_items_part_number_idx" ON "distributor_items" USING btree (upper(regexp_replace("manufacturer_part_number", '[^A-Za-z0-9]', '', 'g')));--> statement-breakpoint
CREATE INDEX "distributor_items_search_idx" ON "distributor_items" USING gin ((lower("distributor_sku" || ' ' || coalesce("brand", '') || ' ' || coalesce("manufacturer_part_number", '') || ' ' || coalesce("description", ''))) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "catalog_items_dealer_sku_search_idx" ON "catalog_items" USING gin ((lower("dealer_sku")) gin_trgm_ops);--> statement-breakpoint

-- Existing data moves without loss. A part's shared facts come from the dealers' rows, each column
-- from the most recently updated row that has it (dealers' feeds may disagree or leave one blank).
INSERT INTO "distributor_items" ("distributor", "distributor_sku", "description", "lead_time_days", "manufacturer_part_number", "brand", "updated_at")
SELECT "distributor", "distributor_sku",
	(array_agg("description" ORDER BY "updated_at" DESC) FILTER (WHERE "description" IS NOT NULL))[1],
	(array_agg("lead_time_days" ORDER BY "updated_at" DESC) FILTER (WHERE "lead_time_days" IS NOT NULL))[1],
	(array_agg("manufacturer_part_number" ORDER BY "updated_at" DESC) FILTER (WHERE "manufacturer_part_number" IS NOT NULL))[1],
	(array_agg("brand" ORDER BY "updated_at" DESC) FILTER (WHERE "brand" IS NOT NULL))[1],
	max("updated_at")
FROM "catalog_items"
GROUP BY "distributor", "distributor_sku";--> statement-breakpoint
-- Stock per warehouse: the newest observation of any dealer wins, as of when it was written.
INSERT INTO "distributor_stock" ("distributor", "distributor_sku", "warehouse_code", "quantity", "as_of", "source")
SELECT DISTINCT ON ("distributor", "distributor_sku", "warehouse_code") "distributor", "distributor_sku", "warehouse_code", "quantity", "updated_at", 'feed'
FROM "inventory"
ORDER BY "distributor", "distributor_sku", "warehouse_code", "updated_at" DESC, "dealer_id";--> statement-breakpoint
ALTER TABLE "inventory" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "inventory" CASCADE;--> statement-breakpoint
DROP INDEX "catalog_items_part_number_idx";--> statement-breakpoint
DROP INDEX "catalog_items_search_idx";--> statement-breakpoint
ALTER TABLE "catalog_items" DROP COLUMN "description";--> statement-breakpoint
ALTER TABLE "catalog_items" DROP COLUMN "lead_time_days";--> statement-breakpoint
ALTER TABLE "catalog_items" DROP COLUMN "manufacturer_part_number";--> statement-breakpoint
ALTER TABLE "catalog_items" DROP COLUMN "brand";
