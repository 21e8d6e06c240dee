DROP INDEX "purchase_orders_dealer_status_idx";--> statement-breakpoint
CREATE INDEX "order_lines_sku_trgm_idx" ON "order_lines" USING gin ("dealer_sku" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "orders_search_trgm_idx" ON "orders" USING gin ("channel_order_id" gin_trgm_ops,"buyer_name" gin_trgm_ops,"buyer_email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "orders_dealer_number_lower_idx" ON "orders" USING btree ("dealer_id",lower("channel_order_id"));--> statement-breakpoint
CREATE INDEX "purchase_orders_dealer_po_lower_idx" ON "purchase_orders" USING btree ("dealer_id",lower("po_number") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "purchase_orders_dealer_status_idx" ON "purchase_orders" USING btree ("dealer_id","status","created_at","id");