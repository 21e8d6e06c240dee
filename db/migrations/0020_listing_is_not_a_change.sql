-- The tracking poller stamps listed_at on every open PO it lists, every poll: that is its own
-- bookkeeping, not a change any dealer's live stream should hear about.
DROP TRIGGER IF EXISTS purchase_orders_notify_update ON purchase_orders;
--> statement-breakpoint
CREATE TRIGGER purchase_orders_notify_update AFTER UPDATE ON purchase_orders FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'listed_at') IS DISTINCT FROM (to_jsonb(NEW) - 'listed_at'))
  EXECUTE FUNCTION notify_dropline_change('purchase_order');
