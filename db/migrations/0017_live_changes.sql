-- Live updates (GET /v1/events): every change to an order, drop-ship, PO, package or inbox item is
-- announced on the channel dropline_changes, whichever process wrote it (API or worker), so each API
-- process's one LISTEN connection can tell that dealer's open pages. Ids only: never PII or credentials.
-- Postgres delivers a transaction's notifications at commit and drops identical ones within it.
CREATE FUNCTION notify_dropline_change() RETURNS trigger AS $$
DECLARE
  changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  PERFORM pg_notify('dropline_changes', jsonb_strip_nulls(jsonb_build_object(
    'dealerId', changed->>'dealer_id',
    'kind', TG_ARGV[0],
    'id', changed->>'id',
    'orderId', CASE WHEN TG_TABLE_NAME = 'orders' THEN changed->>'id' ELSE changed->>'order_id' END,
    'poNumber', changed->>'po_number'
  ))::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A package belongs to its PO, which carries the dealer: announced as a change of that PO.
CREATE FUNCTION notify_dropline_shipment_change() RETURNS trigger AS $$
DECLARE
  po record;
BEGIN
  SELECT id, dealer_id, order_id, po_number INTO po FROM purchase_orders WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.po_id ELSE NEW.po_id END;
  IF FOUND THEN
    PERFORM pg_notify('dropline_changes', jsonb_strip_nulls(jsonb_build_object(
      'dealerId', po.dealer_id, 'kind', 'purchase_order', 'id', po.id, 'orderId', po.order_id, 'poNumber', po.po_number
    ))::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER orders_notify_change AFTER INSERT OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION notify_dropline_change('order');
--> statement-breakpoint
CREATE TRIGGER orders_notify_update AFTER UPDATE ON orders FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION notify_dropline_change('order');
--> statement-breakpoint
CREATE TRIGGER dropships_notify_change AFTER INSERT OR DELETE ON dropships FOR EACH ROW EXECUTE FUNCTION notify_dropline_change('dropship');
--> statement-breakpoint
CREATE TRIGGER dropships_notify_update AFTER UPDATE ON dropships FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION notify_dropline_change('dropship');
--> statement-breakpoint
CREATE TRIGGER purchase_orders_notify_change AFTER INSERT OR DELETE ON purchase_orders FOR EACH ROW EXECUTE FUNCTION notify_dropline_change('purchase_order');
--> statement-breakpoint
CREATE TRIGGER purchase_orders_notify_update AFTER UPDATE ON purchase_orders FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION notify_dropline_change('purchase_order');
--> statement-breakpoint
CREATE TRIGGER exceptions_notify_change AFTER INSERT OR DELETE ON exceptions FOR EACH ROW EXECUTE FUNCTION notify_dropline_change('exception');
--> statement-breakpoint
CREATE TRIGGER exceptions_notify_update AFTER UPDATE ON exceptions FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION notify_dropline_change('exception');
--> statement-breakpoint
CREATE TRIGGER shipments_notify_change AFTER INSERT OR UPDATE OR DELETE ON shipments FOR EACH ROW EXECUTE FUNCTION notify_dropline_shipment_change();
