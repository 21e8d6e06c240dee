CREATE TABLE "channel_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealer_id" text NOT NULL,
	"channel" text NOT NULL,
	"shop_domain" text,
	"seller_id" text,
	"marketplace_id" text,
	"credentials_ciphertext" text,
	"credentials_key_id" text,
	"credentials_saved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_accounts_dealer_channel_uq" UNIQUE("dealer_id","channel")
);
--> statement-breakpoint
CREATE TABLE "channel_order_cursors" (
	"dealer_id" text NOT NULL,
	"channel" text NOT NULL,
	"modified_through" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone,
	"next_page" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_order_cursors_dealer_id_channel_pk" PRIMARY KEY("dealer_id","channel")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"dealer_id" text NOT NULL,
	"source" text NOT NULL,
	"delivery_id" text NOT NULL,
	"topic" text NOT NULL,
	"order_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_dealer_id_source_delivery_id_pk" PRIMARY KEY("dealer_id","source","delivery_id")
);
--> statement-breakpoint
ALTER TABLE "channel_accounts" ADD CONSTRAINT "channel_accounts_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_order_cursors" ADD CONSTRAINT "channel_order_cursors_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_dealer_id_dealers_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."dealers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;