-- A dealer's prices move from a row per item to pages of 128 items, by the items' stock slots
-- (db/schema/dealer-prices.ts), and the SKUs dealers map to their own to a table of their own. Both
-- are read through a view of the old table's name and columns, which takes writes by hand too.
CREATE TABLE "dealer_price_pages" (
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"page" bigint NOT NULL,
	"costs" "bytea" NOT NULL,
	"updated_ats" "bytea" NOT NULL,
	CONSTRAINT "dealer_price_pages_dealer_id_distributor_page_pk" PRIMARY KEY("dealer_id","distributor","page")
);
--> statement-breakpoint
CREATE TABLE "dealer_skus" (
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"distributor_sku" text NOT NULL,
	"dealer_sku" text NOT NULL,
	CONSTRAINT "dealer_skus_dealer_id_distributor_distributor_sku_pk" PRIMARY KEY("dealer_id","distributor","distributor_sku")
);
--> statement-breakpoint
ALTER TABLE "dealer_price_pages" ADD CONSTRAINT "dealer_price_pages_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealer_skus" ADD CONSTRAINT "dealer_skus_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- An item a dealer priced that no feed described gets a bare item to hold its slot.
INSERT INTO "distributor_items" ("distributor", "distributor_sku")
SELECT DISTINCT "distributor", "distributor_sku" FROM "catalog_items"
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "dealer_skus" ("dealer_id", "distributor", "distributor_sku", "dealer_sku")
SELECT "dealer_id", "distributor", "distributor_sku", "dealer_sku" FROM "catalog_items" WHERE "dealer_sku" <> "distributor_sku";--> statement-breakpoint
-- Each page's cells, place by place (a place without the dealer's price has -1 and a zero stamp).
INSERT INTO "dealer_price_pages" ("dealer_id", "distributor", "page", "costs", "updated_ats")
WITH pages AS (
  SELECT DISTINCT price."dealer_id", price."distributor", item."stock_slot" / 128 AS page
  FROM "catalog_items" price
  JOIN "distributor_items" item ON item."distributor" = price."distributor" AND item."distributor_sku" = price."distributor_sku"
)
SELECT pages."dealer_id", pages."distributor", pages.page,
       string_agg(int4send(coalesce(price."cost_cents", -1)), ''::bytea ORDER BY place),
       string_agg(int8send(coalesce((extract(epoch FROM price."updated_at") * 1000)::bigint, 0)), ''::bytea ORDER BY place)
FROM pages CROSS JOIN generate_series(0, 127) place
LEFT JOIN "distributor_items" item ON item."distributor" = pages."distributor" AND item."stock_slot" = pages.page * 128 + place
LEFT JOIN "catalog_items" price
  ON price."dealer_id" = pages."dealer_id" AND price."distributor" = item."distributor" AND price."distributor_sku" = item."distributor_sku"
GROUP BY pages."dealer_id", pages."distributor", pages.page;--> statement-breakpoint
DROP TABLE "catalog_items" CASCADE;--> statement-breakpoint
CREATE INDEX "dealer_skus_dealer_sku_idx" ON "dealer_skus" USING btree ("dealer_sku","dealer_id");--> statement-breakpoint
CREATE INDEX "dealer_skus_search_idx" ON "dealer_skus" USING gin ((lower("dealer_sku")) gin_trgm_ops);--> statement-breakpoint
-- A row per item the dealer has a price for. Filtered by dealer, distributor and SKU it reads one item
-- row and one page; in key order, it walks the distributor's items and reads their pages.
CREATE VIEW "catalog_items" AS
SELECT page."dealer_id", item."distributor", item."distributor_sku",
       coalesce(own."dealer_sku", item."distributor_sku") AS "dealer_sku",
       stock_int4(page."costs", 4 * (item."stock_slot" % 128)::integer) AS "cost_cents",
       to_timestamp(stock_int8(page."updated_ats", 8 * (item."stock_slot" % 128)::integer) / 1000.0) AS "updated_at"
FROM "dealer_price_pages" page
JOIN "distributor_items" item ON item."distributor" = page."distributor" AND item."stock_slot" / 128 = page."page"
LEFT JOIN "dealer_skus" own
  ON own."dealer_id" = page."dealer_id" AND own."distributor" = item."distributor" AND own."distributor_sku" = item."distributor_sku"
WHERE stock_int4(page."costs", 4 * (item."stock_slot" % 128)::integer) <> -1;
--> statement-breakpoint
-- The view written as a table: a price is put into (or taken out of) its item's page, a dealer SKU
-- other than the distributor's kept in dealer_skus. Inserting an item the dealer has a price for
-- fails as a duplicate key would; an update may change the cost and the dealer SKU only.
CREATE FUNCTION write_catalog_item() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  item RECORD;
  slot bigint;
  place integer;
  cost integer;
  stamp bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
BEGIN
  item := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
  IF TG_OP = 'UPDATE' AND (NEW.dealer_id, NEW.distributor, NEW.distributor_sku) IS DISTINCT FROM (OLD.dealer_id, OLD.distributor, OLD.distributor_sku) THEN
    RAISE EXCEPTION 'a catalog item''s dealer, distributor and distributor SKU cannot change' USING ERRCODE = 'feature_not_supported';
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO distributor_items (distributor, distributor_sku) VALUES (NEW.distributor, NEW.distributor_sku) ON CONFLICT DO NOTHING;
    IF EXISTS (SELECT FROM catalog_items c WHERE c.dealer_id = NEW.dealer_id AND c.distributor = NEW.distributor AND c.distributor_sku = NEW.distributor_sku) THEN
      RAISE EXCEPTION 'duplicate key value violates unique constraint "catalog_items_pkey"'
        USING ERRCODE = 'unique_violation', DETAIL = format('Key (dealer_id, distributor, distributor_sku)=(%s, %s, %s) already exists.', NEW.dealer_id, NEW.distributor, NEW.distributor_sku);
    END IF;
  END IF;
  SELECT stock_slot INTO slot FROM distributor_items WHERE distributor = item.distributor AND distributor_sku = item.distributor_sku;
  place := (slot % 128)::integer;
  cost := CASE TG_OP WHEN 'DELETE' THEN -1 ELSE NEW.cost_cents END;
  IF TG_OP <> 'DELETE' AND (cost IS NULL OR cost < 0) THEN
    RAISE EXCEPTION 'a catalog item''s cost must be a number of cents, 0 or more' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN
    stamp := (extract(epoch FROM NEW.updated_at) * 1000)::bigint;
  ELSIF TG_OP = 'INSERT' AND NEW.updated_at IS NOT NULL THEN
    stamp := (extract(epoch FROM NEW.updated_at) * 1000)::bigint;
  END IF;
  INSERT INTO dealer_price_pages AS stored (dealer_id, distributor, page, costs, updated_ats)
  VALUES (item.dealer_id, item.distributor, slot / 128,
          overlay(decode(repeat('ff', 4 * 128), 'hex') PLACING int4send(cost) FROM 4 * place + 1),
          overlay(decode(repeat('00', 8 * 128), 'hex') PLACING int8send(stamp) FROM 8 * place + 1))
  ON CONFLICT (dealer_id, distributor, page) DO UPDATE SET
    costs = overlay(stored.costs PLACING int4send(cost) FROM 4 * place + 1),
    updated_ats = overlay(stored.updated_ats PLACING int8send(stamp) FROM 8 * place + 1);
  IF TG_OP <> 'DELETE' AND NEW.dealer_sku IS DISTINCT FROM NEW.distributor_sku THEN
    INSERT INTO dealer_skus (dealer_id, distributor, distributor_sku, dealer_sku)
    VALUES (NEW.dealer_id, NEW.distributor, NEW.distributor_sku, NEW.dealer_sku)
    ON CONFLICT (dealer_id, distributor, distributor_sku) DO UPDATE SET dealer_sku = excluded.dealer_sku;
  ELSE
    DELETE FROM dealer_skus WHERE dealer_id = item.dealer_id AND distributor = item.distributor AND distributor_sku = item.distributor_sku;
  END IF;
  RETURN item;
END $$;
--> statement-breakpoint
CREATE TRIGGER catalog_items_write INSTEAD OF INSERT OR UPDATE OR DELETE ON catalog_items FOR EACH ROW EXECUTE FUNCTION write_catalog_item();
--> statement-breakpoint
-- A deleted page leaves no xmin behind for the dealer's next feed import to find its prices by: note each of them.
CREATE FUNCTION note_price_page_deletions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_deletions (distributor, distributor_sku, dealer_id)
    SELECT item.distributor, item.distributor_sku, gone.dealer_id FROM gone
    JOIN distributor_items item ON item.distributor = gone.distributor AND item.stock_slot / 128 = gone.page;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dealer_price_pages_deletions AFTER DELETE ON dealer_price_pages REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION note_price_page_deletions();
--> statement-breakpoint
CREATE TRIGGER dealer_price_pages_truncation AFTER TRUNCATE ON dealer_price_pages FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_deletions();
