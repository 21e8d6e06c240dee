ALTER TABLE "dealers" ADD COLUMN "handling_days" jsonb DEFAULT '{"website":2,"shopify":2}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ship_by" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "orders_dealer_ship_by_idx" ON "orders" USING btree ("dealer_id","ship_by");