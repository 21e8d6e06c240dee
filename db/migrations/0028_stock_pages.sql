-- A distributor's stock moves from a row per (item, warehouse) to pages of 256 items (db/schema/stock-pages.ts),
-- read through a view of the same name and columns. Per item, the newest observation is kept as its time and source.
CREATE SEQUENCE "distributor_item_slots" MINVALUE 0 START WITH 0;--> statement-breakpoint
-- Stock of an item no feed described (set by hand or by a live check) gets a bare item to hang its page on.
INSERT INTO "distributor_items" ("distributor", "distributor_sku")
SELECT DISTINCT "distributor", "distributor_sku" FROM "distributor_stock"
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "distributor_items" ADD COLUMN "stock_page" integer;--> statement-breakpoint
UPDATE "distributor_items" i SET "stock_page" = numbered.page
FROM (
  SELECT "distributor", "distributor_sku", ((row_number() OVER (ORDER BY "distributor", "distributor_sku" COLLATE "C") - 1) / 256)::integer AS page
  FROM "distributor_items"
) numbered
WHERE numbered."distributor" = i."distributor" AND numbered."distributor_sku" = i."distributor_sku";--> statement-breakpoint
-- New items start on a page of their own, after every existing one.
SELECT setval('distributor_item_slots', (SELECT (coalesce(max("stock_page"), -1) + 1) * 256 FROM "distributor_items"), false);--> statement-breakpoint
ALTER TABLE "distributor_items" ALTER COLUMN "stock_page" SET DEFAULT (nextval('distributor_item_slots') / 256)::integer;--> statement-breakpoint
ALTER TABLE "distributor_items" ALTER COLUMN "stock_page" SET NOT NULL;--> statement-breakpoint
CREATE TABLE "stock_pages" (
	"distributor" text NOT NULL,
	"page" integer NOT NULL,
	"skus" text[] NOT NULL,
	"warehouses" text[] NOT NULL,
	"quantities" integer[] NOT NULL,
	"as_ofs" double precision[] NOT NULL,
	"sources" text[] NOT NULL,
	CONSTRAINT "stock_pages_distributor_page_pk" PRIMARY KEY("distributor","page")
);--> statement-breakpoint
INSERT INTO "stock_pages" ("distributor", "page", "skus", "warehouses", "quantities", "as_ofs", "sources")
SELECT page."distributor", page."page", page.skus, page.warehouses,
  (SELECT array_agg(stock."quantity" ORDER BY item.n, warehouse.n)
   FROM unnest(page.skus) WITH ORDINALITY item(sku, n)
   CROSS JOIN unnest(page.warehouses) WITH ORDINALITY warehouse(code, n)
   LEFT JOIN "distributor_stock" stock
     ON stock."distributor" = page."distributor" AND stock."distributor_sku" = item.sku AND stock."warehouse_code" = warehouse.code),
  (SELECT array_agg(newest.as_of ORDER BY item.n)
   FROM unnest(page.skus) WITH ORDINALITY item(sku, n)
   CROSS JOIN LATERAL (SELECT extract(epoch FROM max(stock."as_of")) * 1000 AS as_of FROM "distributor_stock" stock
                       WHERE stock."distributor" = page."distributor" AND stock."distributor_sku" = item.sku) newest),
  (SELECT array_agg(newest.source ORDER BY item.n)
   FROM unnest(page.skus) WITH ORDINALITY item(sku, n)
   CROSS JOIN LATERAL (SELECT stock."source" FROM "distributor_stock" stock
                       WHERE stock."distributor" = page."distributor" AND stock."distributor_sku" = item.sku
                       ORDER BY stock."as_of" DESC LIMIT 1) newest)
FROM (
  SELECT stock."distributor", item."stock_page" AS page,
         array_agg(DISTINCT stock."distributor_sku") AS skus, array_agg(DISTINCT stock."warehouse_code") AS warehouses
  FROM "distributor_stock" stock
  JOIN "distributor_items" item ON item."distributor" = stock."distributor" AND item."distributor_sku" = stock."distributor_sku"
  GROUP BY stock."distributor", item."stock_page"
) page;--> statement-breakpoint
DROP TABLE "distributor_stock";--> statement-breakpoint
-- A row per (item, warehouse) with a quantity, found through the item's page: filtered by distributor
-- and SKU it reads one item row and one page.
CREATE VIEW "distributor_stock" AS
SELECT item."distributor", item."distributor_sku", warehouse.code AS "warehouse_code",
       page."quantities"[(position.n - 1) * cardinality(page."warehouses") + warehouse.n] AS "quantity",
       to_timestamp(page."as_ofs"[position.n] / 1000) AS "as_of",
       page."sources"[position.n] AS "source"
FROM "distributor_items" item
JOIN "stock_pages" page ON page."distributor" = item."distributor" AND page."page" = item."stock_page"
CROSS JOIN LATERAL (SELECT array_position(page."skus", item."distributor_sku") AS n) position
CROSS JOIN LATERAL unnest(page."warehouses") WITH ORDINALITY warehouse(code, n)
WHERE position.n IS NOT NULL
  AND page."quantities"[(position.n - 1) * cardinality(page."warehouses") + warehouse.n] IS NOT NULL;
--> statement-breakpoint
-- A deleted page leaves no xmin behind for the next feed import to find its items by: note each of them.
CREATE FUNCTION note_stock_page_deletions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_deletions (distributor, distributor_sku) SELECT gone.distributor, unnest(gone.skus) FROM gone;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stock_pages_deletions AFTER DELETE ON stock_pages REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION note_stock_page_deletions();
--> statement-breakpoint
CREATE TRIGGER stock_pages_truncation AFTER TRUNCATE ON stock_pages FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_deletions();
