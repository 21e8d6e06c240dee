ALTER TABLE "dealers" ADD COLUMN "failover_policy" jsonb DEFAULT '{"enabled":false,"onRefusal":true,"onDistributorCancel":true,"backorderDays":5,"maxCostPercent":85}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "dropships" ADD COLUMN "reroute_of" text;--> statement-breakpoint
ALTER TABLE "dropships" ADD COLUMN "excluded_distributors" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "dropships" ADD COLUMN "max_cost_percent" integer;--> statement-breakpoint
ALTER TABLE "po_lines" ADD COLUMN "backordered_qty" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "po_lines" ADD COLUMN "rerouted_qty" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "po_lines" ADD COLUMN "cancel_state" text;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD COLUMN "rerouted_from" text;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD COLUMN "cancellation" jsonb;