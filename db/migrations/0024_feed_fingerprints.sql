CREATE TABLE "catalog_deletions" (
	"distributor" text,
	"distributor_sku" text,
	"dealer_id" text,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_fingerprints" (
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"import_id" uuid NOT NULL,
	"layout" text NOT NULL,
	"since_xid" bigint NOT NULL,
	"own_xids" bigint[] NOT NULL,
	"rows" integer NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feed_fingerprints_dealer_id_distributor_pk" PRIMARY KEY("dealer_id","distributor")
);
--> statement-breakpoint
CREATE TABLE "feed_fingerprint_chunks" (
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"chunk" integer NOT NULL,
	"fingerprints" "bytea" NOT NULL,
	CONSTRAINT "feed_fingerprint_chunks_dealer_id_distributor_chunk_pk" PRIMARY KEY("dealer_id","distributor","chunk")
);
--> statement-breakpoint
ALTER TABLE "feed_imports" ADD COLUMN "rows_held" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "feed_imports" ADD COLUMN "since_xid" bigint DEFAULT pg_snapshot_xmin(pg_current_snapshot())::text::bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "feed_imports" ADD COLUMN "written_xids" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "feed_fingerprints" ADD CONSTRAINT "feed_fingerprints_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_deletions_distributor_idx" ON "catalog_deletions" USING btree ("distributor");--> statement-breakpoint
ALTER TABLE "feed_fingerprint_chunks" ADD CONSTRAINT "feed_fingerprint_chunks_dealer_id_distributor_feed_fingerprints_dealer_id_distributor_fk" FOREIGN KEY ("dealer_id","distributor") REFERENCES "public"."feed_fingerprints"("dealer_id","distributor") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- A deleted catalog row leaves no xmin behind for the next feed import to find it by: note it.
CREATE FUNCTION note_catalog_deletions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO catalog_deletions DEFAULT VALUES;
  ELSE
    INSERT INTO catalog_deletions (distributor, distributor_sku, dealer_id)
      SELECT row->>'distributor', row->>'distributor_sku', row->>'dealer_id' FROM (SELECT to_jsonb(gone) AS row FROM gone) deleted;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER catalog_items_deletions AFTER DELETE ON catalog_items REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_deletions();
--> statement-breakpoint
CREATE TRIGGER catalog_items_truncation AFTER TRUNCATE ON catalog_items FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_deletions();
--> statement-breakpoint
CREATE TRIGGER distributor_items_deletions AFTER DELETE ON distributor_items REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_deletions();
--> statement-breakpoint
CREATE TRIGGER distributor_items_truncation AFTER TRUNCATE ON distributor_items FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_deletions();
--> statement-breakpoint
CREATE TRIGGER distributor_stock_deletions AFTER DELETE ON distributor_stock REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_deletions();
--> statement-breakpoint
CREATE TRIGGER distributor_stock_truncation AFTER TRUNCATE ON distributor_stock FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_deletions();
