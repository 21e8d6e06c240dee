-- An update made through drizzle also sets updated_at, so the poller's listed_at stamp changed two
-- columns and the trigger of 0020 still spoke for every PO listed. A change worth hearing always
-- changes some other column: both are left out of the comparison.
DROP TRIGGER IF EXISTS purchase_orders_notify_update ON purchase_orders;
--> statement-breakpoint
CREATE TRIGGER purchase_orders_notify_update AFTER UPDATE ON purchase_orders FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'listed_at' - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'listed_at' - 'updated_at'))
  EXECUTE FUNCTION notify_dropline_change('purchase_order');
