CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealer_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dealer_id" text NOT NULL,
	"order_id" uuid,
	"po_number" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"type" text NOT NULL,
	"summary" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text,
	CONSTRAINT "audit_events_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"distributor_sku" text NOT NULL,
	"dealer_sku" text NOT NULL,
	"description" text,
	"cost_cents" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_items_dealer_id_distributor_distributor_sku_pk" PRIMARY KEY("dealer_id","distributor","distributor_sku")
);
--> statement-breakpoint
CREATE TABLE "dealers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"auto_processing" boolean DEFAULT false NOT NULL,
	"dropship_cutoff_cents" integer DEFAULT 100 NOT NULL,
	"distributor_preference" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notification_email" text,
	"email_from" text,
	"email_reply_to" text,
	"po_prefix" text DEFAULT 'DL' NOT NULL,
	"confirm_reminder_seconds" integer DEFAULT 86400 NOT NULL,
	"confirm_expiry_seconds" integer DEFAULT 604800 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealer_id" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"external_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_kind_key_uq" UNIQUE("kind","key")
);
--> statement-breakpoint
CREATE TABLE "distributor_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"credentials_ciphertext" text,
	"credentials_key_id" text,
	"tax_id_on_file" boolean DEFAULT false NOT NULL,
	"credit_card_on_file" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "distributor_accounts_dealer_distributor_uq" UNIQUE("dealer_id","distributor")
);
--> statement-breakpoint
CREATE TABLE "dropships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealer_id" text NOT NULL,
	"order_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"workflow_id" text NOT NULL,
	"po_base" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"plan" jsonb,
	"ship_to" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dropships_workflow_id_unique" UNIQUE("workflow_id"),
	CONSTRAINT "dropships_order_sequence_uq" UNIQUE("order_id","sequence")
);
--> statement-breakpoint
CREATE TABLE "exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealer_id" text NOT NULL,
	"order_id" uuid,
	"po_number" text,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"key" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "exceptions_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "inventory" (
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"distributor_sku" text NOT NULL,
	"warehouse_code" text NOT NULL,
	"quantity" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_dealer_id_distributor_distributor_sku_warehouse_code_pk" PRIMARY KEY("dealer_id","distributor","distributor_sku","warehouse_code")
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"channel_line_id" text,
	"dealer_sku" text NOT NULL,
	"title" text,
	"quantity" integer NOT NULL,
	"unit_price_cents" integer NOT NULL,
	CONSTRAINT "order_lines_order_line_uq" UNIQUE("order_id","line_number")
);
--> statement-breakpoint
CREATE TABLE "order_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"key" text NOT NULL,
	"author" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_notes_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealer_id" text NOT NULL,
	"channel" text NOT NULL,
	"channel_order_id" text NOT NULL,
	"buyer_name" text NOT NULL,
	"buyer_email" text,
	"buyer_phone" text,
	"ship_to" jsonb NOT NULL,
	"shipping_rate_name" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_channel_order_uq" UNIQUE("dealer_id","channel","channel_order_id")
);
--> statement-breakpoint
CREATE TABLE "po_lines" (
	"po_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"dealer_sku" text NOT NULL,
	"distributor_sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"shipped_qty" integer DEFAULT 0 NOT NULL,
	"cancelled_qty" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "po_lines_po_id_order_line_id_pk" PRIMARY KEY("po_id","order_line_id")
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealer_id" text NOT NULL,
	"order_id" uuid NOT NULL,
	"dropship_id" uuid NOT NULL,
	"distributor" text NOT NULL,
	"po_number" text NOT NULL,
	"workflow_id" text NOT NULL,
	"status" text NOT NULL,
	"ship_method" text NOT NULL,
	"distributor_order_refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure_reason" text,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_orders_dealer_po_uq" UNIQUE("dealer_id","po_number")
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"po_id" uuid NOT NULL,
	"carrier" text NOT NULL,
	"tracking_number" text NOT NULL,
	"ship_method" text,
	"shipped_at" timestamp with time zone,
	"lines" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipments_po_tracking_uq" UNIQUE("po_id","tracking_number")
);
--> statement-breakpoint
CREATE TABLE "shipping_mappings" (
	"dealer_id" text NOT NULL,
	"channel" text NOT NULL,
	"rate_name" text NOT NULL,
	"distributor" text NOT NULL,
	"method_code" text NOT NULL,
	CONSTRAINT "shipping_mappings_dealer_id_channel_rate_name_distributor_pk" PRIMARY KEY("dealer_id","channel","rate_name","distributor")
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"dealer_id" text NOT NULL,
	"distributor" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"lead_time_days" integer NOT NULL,
	CONSTRAINT "warehouses_dealer_id_distributor_code_pk" PRIMARY KEY("dealer_id","distributor","code")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributor_accounts" ADD CONSTRAINT "distributor_accounts_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dropships" ADD CONSTRAINT "dropships_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dropships" ADD CONSTRAINT "dropships_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory" ADD CONSTRAINT "inventory_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_notes" ADD CONSTRAINT "order_notes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "po_lines" ADD CONSTRAINT "po_lines_po_id_purchase_orders_id_fk" FOREIGN KEY ("po_id") REFERENCES "public"."purchase_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "po_lines" ADD CONSTRAINT "po_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_dropship_id_dropships_id_fk" FOREIGN KEY ("dropship_id") REFERENCES "public"."dropships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_po_id_purchase_orders_id_fk" FOREIGN KEY ("po_id") REFERENCES "public"."purchase_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_mappings" ADD CONSTRAINT "shipping_mappings_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warehouses" ADD CONSTRAINT "warehouses_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_dealer_idx" ON "api_keys" USING btree ("dealer_id");--> statement-breakpoint
CREATE INDEX "audit_events_order_idx" ON "audit_events" USING btree ("dealer_id","order_id","id");--> statement-breakpoint
CREATE INDEX "catalog_items_dealer_sku_idx" ON "catalog_items" USING btree ("dealer_id","dealer_sku");--> statement-breakpoint
CREATE INDEX "dropships_dealer_idx" ON "dropships" USING btree ("dealer_id");--> statement-breakpoint
CREATE INDEX "exceptions_dealer_status_idx" ON "exceptions" USING btree ("dealer_id","status");--> statement-breakpoint
CREATE INDEX "orders_dealer_created_idx" ON "orders" USING btree ("dealer_id","created_at");--> statement-breakpoint
CREATE INDEX "purchase_orders_dealer_order_idx" ON "purchase_orders" USING btree ("dealer_id","order_id");--> statement-breakpoint
CREATE INDEX "purchase_orders_dealer_status_idx" ON "purchase_orders" USING btree ("dealer_id","status");