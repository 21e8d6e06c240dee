CREATE TABLE "tracking_cursors" (
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"window_from" text,
	"window_to" text,
	"next_page" text,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracking_cursors_dealer_id_distributor_pk" PRIMARY KEY("dealer_id","distributor")
);
--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD COLUMN "listed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracking_cursors" ADD CONSTRAINT "tracking_cursors_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "purchase_orders_dealer_distributor_status_idx" ON "purchase_orders" USING btree ("dealer_id","distributor","status");