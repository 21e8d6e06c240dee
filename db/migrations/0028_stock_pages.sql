-- A distributor's stock moves from a row per (item, warehouse) to pages of 128 items (db/schema/stock-pages.ts),
-- read through a view of the same name and columns. Per item, the newest observation is kept as its time and source.
CREATE SEQUENCE "distributor_item_slots" AS bigint MINVALUE 0 START WITH 0;--> statement-breakpoint
-- Stock of an item no feed described (set by hand or by a live check) gets a bare item to hold its slot.
INSERT INTO "distributor_items" ("distributor", "distributor_sku")
SELECT DISTINCT "distributor", "distributor_sku" FROM "distributor_stock"
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "distributor_items" ADD COLUMN "stock_slot" bigint;--> statement-breakpoint
UPDATE "distributor_items" i SET "stock_slot" = numbered.slot
FROM (
  SELECT "distributor", "distributor_sku", row_number() OVER (ORDER BY "distributor", "distributor_sku" COLLATE "C") - 1 AS slot
  FROM "distributor_items"
) numbered
WHERE numbered."distributor" = i."distributor" AND numbered."distributor_sku" = i."distributor_sku";--> statement-breakpoint
-- New items start on a page of their own, after every existing one.
SELECT setval('distributor_item_slots', (SELECT (coalesce(max("stock_slot"), -1) / 128 + 1) * 128 FROM "distributor_items"), false);--> statement-breakpoint
ALTER TABLE "distributor_items" ALTER COLUMN "stock_slot" SET DEFAULT nextval('distributor_item_slots');--> statement-breakpoint
ALTER TABLE "distributor_items" ALTER COLUMN "stock_slot" SET NOT NULL;--> statement-breakpoint
ALTER SEQUENCE "distributor_item_slots" OWNED BY "distributor_items"."stock_slot";--> statement-breakpoint
CREATE TABLE "stock_pages" (
	"distributor" text NOT NULL,
	"page" bigint NOT NULL,
	"warehouses" text[] NOT NULL,
	"quantities" bytea NOT NULL,
	"as_ofs" bytea NOT NULL,
	"sources" bytea NOT NULL,
	CONSTRAINT "stock_pages_distributor_page_pk" PRIMARY KEY("distributor","page")
) WITH (toast_tuple_target = 8160);--> statement-breakpoint
-- The big-endian integers of a page's cells, read by the view.
CREATE FUNCTION stock_int4(bytes bytea, at integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ('x' || encode(substring(bytes FROM at + 1 FOR 4), 'hex'))::bit(32)::integer $$;--> statement-breakpoint
CREATE FUNCTION stock_int8(bytes bytea, at integer) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ('x' || encode(substring(bytes FROM at + 1 FOR 8), 'hex'))::bit(64)::bigint $$;--> statement-breakpoint
-- Each page's cells, place by place (a place with no item, or an item without stock, has -1 everywhere and a zero stamp).
INSERT INTO "stock_pages" ("distributor", "page", "warehouses", "quantities", "as_ofs", "sources")
WITH pages AS (
  SELECT stock."distributor", item."stock_slot" / 128 AS page, array_agg(DISTINCT stock."warehouse_code") AS warehouses
  FROM "distributor_stock" stock
  JOIN "distributor_items" item ON item."distributor" = stock."distributor" AND item."distributor_sku" = stock."distributor_sku"
  GROUP BY stock."distributor", item."stock_slot" / 128
), places AS (
  SELECT pages."distributor", pages.page, pages.warehouses, place, item."distributor_sku" AS sku
  FROM pages CROSS JOIN generate_series(0, 127) place
  LEFT JOIN "distributor_items" item ON item."distributor" = pages."distributor" AND item."stock_slot" = pages.page * 128 + place
), cells AS (
  SELECT places.*,
    (SELECT string_agg(int4send(coalesce(stock."quantity", -1)), ''::bytea ORDER BY warehouse.n)
     FROM unnest(places.warehouses) WITH ORDINALITY warehouse(code, n)
     LEFT JOIN "distributor_stock" stock
       ON stock."distributor" = places."distributor" AND stock."distributor_sku" = places.sku AND stock."warehouse_code" = warehouse.code) AS quantities,
    (SELECT coalesce((extract(epoch FROM max(stock."as_of")) * 1000)::bigint, 0) FROM "distributor_stock" stock
     WHERE stock."distributor" = places."distributor" AND stock."distributor_sku" = places.sku) AS as_of,
    (SELECT stock."source" FROM "distributor_stock" stock
     WHERE stock."distributor" = places."distributor" AND stock."distributor_sku" = places.sku
     ORDER BY stock."as_of" DESC LIMIT 1) AS source
  FROM places
)
SELECT "distributor", page, warehouses,
       string_agg(quantities, ''::bytea ORDER BY place),
       string_agg(int8send(as_of), ''::bytea ORDER BY place),
       string_agg(CASE source WHEN 'live_check' THEN '\x01'::bytea ELSE '\x00'::bytea END, ''::bytea ORDER BY place)
FROM cells
GROUP BY "distributor", page, warehouses;--> statement-breakpoint
DROP TABLE "distributor_stock";--> statement-breakpoint
-- A row per (item, warehouse) with a quantity, the item's cells found by its slot: filtered by
-- distributor and SKU it reads one item row and one page.
CREATE VIEW "distributor_stock" AS
SELECT item."distributor", item."distributor_sku", warehouse.code AS "warehouse_code",
       stock_int4(page."quantities", 4 * ((item."stock_slot" % 128)::integer * cardinality(page."warehouses") + warehouse.n::integer - 1)) AS "quantity",
       to_timestamp(stock_int8(page."as_ofs", 8 * (item."stock_slot" % 128)::integer) / 1000.0) AS "as_of",
       CASE get_byte(page."sources", (item."stock_slot" % 128)::integer) WHEN 1 THEN 'live_check' ELSE 'feed' END AS "source"
FROM "distributor_items" item
JOIN "stock_pages" page ON page."distributor" = item."distributor" AND page."page" = item."stock_slot" / 128
CROSS JOIN LATERAL unnest(page."warehouses") WITH ORDINALITY warehouse(code, n)
WHERE stock_int4(page."quantities", 4 * ((item."stock_slot" % 128)::integer * cardinality(page."warehouses") + warehouse.n::integer - 1)) <> -1;
--> statement-breakpoint
-- A deleted page leaves no xmin behind for the next feed import to find its items by: note each of them.
CREATE FUNCTION note_stock_page_deletions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_deletions (distributor, distributor_sku)
    SELECT item.distributor, item.distributor_sku FROM gone
    JOIN distributor_items item ON item.distributor = gone.distributor AND item.stock_slot / 128 = gone.page;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stock_pages_deletions AFTER DELETE ON stock_pages REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION note_stock_page_deletions();
--> statement-breakpoint
CREATE TRIGGER stock_pages_truncation AFTER TRUNCATE ON stock_pages FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_deletions();
