ALTER TABLE "dealers" ADD COLUMN "notify_buyer_of_po_changes" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dealers" ADD COLUMN "handling_days" jsonb DEFAULT '{"website":2,"shopify":2}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "cause" text;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ship_by" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "exceptions_dealer_resolved_idx" ON "exceptions" USING btree ("dealer_id","resolved_at","id") WHERE status = 'resolved';--> statement-breakpoint
CREATE UNIQUE INDEX "exceptions_open_cause_uq" ON "exceptions" USING btree ("dealer_id","cause") WHERE status = 'open' and cause is not null;--> statement-breakpoint
CREATE INDEX "orders_dealer_ship_by_idx" ON "orders" USING btree ("dealer_id","ship_by");