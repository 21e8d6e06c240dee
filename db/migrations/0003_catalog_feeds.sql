CREATE TABLE "catalog_feeds" (
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"transport" text NOT NULL,
	"host" text NOT NULL,
	"port" integer,
	"path" text NOT NULL,
	"username" text,
	"secret_ciphertext" text,
	"secret_key_id" text,
	"host_key_sha256" text,
	"schedule_hour" integer DEFAULT 5 NOT NULL,
	"schedule_minute" integer DEFAULT 0 NOT NULL,
	"schedule_cron" text,
	"time_zone" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_feeds_dealer_id_distributor_pk" PRIMARY KEY("dealer_id","distributor")
);
--> statement-breakpoint
CREATE TABLE "feed_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_ok" integer DEFAULT 0 NOT NULL,
	"rows_bad" integer DEFAULT 0 NOT NULL,
	"bad_rows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"committed_line" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "lead_time_days" integer;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "manufacturer_part_number" text;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "brand" text;--> statement-breakpoint
ALTER TABLE "catalog_feeds" ADD CONSTRAINT "catalog_feeds_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_imports" ADD CONSTRAINT "feed_imports_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feed_imports_dealer_distributor_idx" ON "feed_imports" USING btree ("dealer_id","distributor","started_at");