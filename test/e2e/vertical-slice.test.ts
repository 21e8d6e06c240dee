import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, orders, purchaseOrders, shipments } from '../../db/schema/index.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { recordHistory } from '../helpers/histories.js';

/**
 * The first vertical slice over real HTTP: an order is posted to the API, drop-shipped in auto mode
 * through the real WPS adapter to the WPS sandbox, tracked until the sandbox ships it, and the buyer
 * is emailed through the Resend SDK pointed at the Resend sandbox.
 */
describe('vertical slice: website order → WPS drop-ship → tracking → buyer email', () => {
  let stack: Stack;
  let api: string;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false, pollIntervalMs: 1000 });
    api = await stack.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => stack?.stop());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { ...stack.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('places exactly one WPS order, emails the buyer once, and records PO, shipment and audit trail', async () => {
    const created = await call('POST', '/v1/orders', {
      channelOrderId: 'WEB-5001',
      buyer: { name: 'Jane Rider', email: 'jane.rider@example.com' },
      shipTo: { name: 'Jane Rider', line1: '123 Main St', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' },
      shippingRateName: 'Standard Shipping',
      lines: [
        { sku: 'HELMET-MX-M', title: 'MX helmet, medium', quantity: 1, unitPrice: 129.95 },
        { sku: 'OIL-FILTER-204', title: 'Oil filter', quantity: 2, unitPrice: 12.95 },
      ],
    });
    expect(created.status).toBe(201);
    const orderId = created.body.id as string;

    const started = await call('POST', `/v1/orders/${orderId}/dropships`, { mode: 'auto' });
    expect(started.status).toBe(201);
    expect(started.body.plan.lines.map((l: any) => l.status)).toEqual(['routed', 'routed']);
    expect(started.body.plan.purchaseOrders).toHaveLength(1);
    const poNumber = await eventually(async () => {
      const state = await call('GET', `/v1/dropships/${started.body.id}`);
      return state.body.purchaseOrders?.[0]?.poNumber as string | undefined;
    }, 'the PO number');

    const placed = await eventually(async () => (stack.wps.state.orders.length > 0 ? stack.wps.state.orders : undefined), 'the WPS order');
    expect(placed.filter((o) => o.po_number === poNumber)).toHaveLength(1);

    const shipped = await fetch(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(shipped.status).toBe(200);
    const trackingNumber = ((await shipped.json()) as any).data.order_details[0].tracking_numbers[0] as string;

    const po = await eventually(async () => {
      const response = await call('GET', `/v1/purchase-orders/${poNumber}`);
      return response.body.status === 'shipped' ? response.body : undefined;
    }, 'the PO to be shipped');
    expect(po.shipments).toHaveLength(1);
    expect(po.shipments[0]).toMatchObject({ carrier: 'UPS', trackingNumber, trackingUrl: expect.stringContaining(trackingNumber) });

    const emails = await eventually(async () => (stack.resend.state.emails.length > 0 ? stack.resend.state.emails : undefined), 'the buyer email');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.to).toEqual(['jane.rider@example.com']);
    expect(emails[0]!.text).toContain(trackingNumber);

    // Nothing more happens once the PO is shipped: still one order at WPS and one email.
    const dropship = await eventually(async () => {
      const state = await call('GET', `/v1/dropships/${started.body.id}`);
      return state.body.phase === 'completed' ? state.body : undefined;
    }, 'the drop-ship to complete');
    expect(dropship.purchaseOrders[0].result.status).toBe('shipped');
    await recordHistory(stack.client, started.body.workflowId, 'dropship-auto-shipped');

    // An operator finds both runs in Temporal Web by business keys (visibility is eventually consistent).
    const find = async (query: string) => {
      const ids: string[] = [];
      for await (const run of stack.client.workflow.list({ query })) ids.push(run.workflowId);
      return ids.length > 0 ? ids : undefined;
    };
    expect(
      await eventually(() => find(`DealerId = '${stack.dealerId}' AND OrderId = '${orderId}' AND DropshipStatus = 'completed'`), 'the drop-ship in visibility'),
    ).toEqual([started.body.workflowId]);
    expect(
      await eventually(
        () => find(`DealerId = '${stack.dealerId}' AND PoNumber = '${poNumber}' AND Distributor = 'wps' AND PoStatus = 'shipped'`),
        'the PO in visibility',
      ),
    ).toEqual([dropship.purchaseOrders[0].workflowId]);
    await recordHistory(stack.client, dropship.purchaseOrders[0].workflowId, 'po-shipped-one-package');
    expect(stack.wps.state.orders.filter((o) => o.po_number === poNumber)).toHaveLength(1);
    expect(stack.resend.state.emails).toHaveLength(1);

    const [poRow] = await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, poNumber));
    expect(poRow).toMatchObject({ status: 'shipped', distributor: 'wps' });
    const shipmentRows = await stack.db.select().from(shipments).where(eq(shipments.poId, poRow!.id));
    expect(shipmentRows.map((s) => s.trackingNumber)).toEqual([trackingNumber]);
    const [orderRow] = await stack.db.select().from(orders).where(eq(orders.id, orderId));
    expect(orderRow!.status).toBe('shipped');
    const trail = await stack.db.select({ type: auditEvents.type }).from(auditEvents).where(eq(auditEvents.orderId, orderId));
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'dropship.routed',
        'dropship.submitting',
        'po.submitted',
        'shipment.recorded',
        'email.buyer_shipped',
        'po.shipped',
        'dropship.completed',
      ]),
    );

    const detail = await call('GET', `/v1/orders/${orderId}`);
    expect(detail.body.purchaseOrders[0].shipments[0].trackingNumber).toBe(trackingNumber);
    expect(detail.body.auditTrail.length).toBe(trail.length);
  });

  it('refuses an order with missing or malformed fields with a 400 naming each one, and stores nothing', async () => {
    const [{ count: before }] = (await stack.db.execute(sql`select count(*)::int as count from orders`)) as unknown as [{ count: number }];
    const response = await call('POST', '/v1/orders', {
      channelOrderId: '',
      buyer: { name: 'Jane', email: 'not-an-email' },
      shipTo: { name: 'Jane', line1: '1 Main', city: 'Boise', region: 'ID' },
      shippingRateName: 'Standard Shipping',
      lines: [{ sku: 'HELMET-MX-M', quantity: 0, unitPrice: 'ten' }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_REQUEST');
    const fields = response.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.channelOrderId', 'body.buyer.email', 'body.shipTo.postalCode', 'body.lines.0.quantity', 'body.lines.0.unitPrice']),
    );
    const [{ count: after }] = (await stack.db.execute(sql`select count(*)::int as count from orders`)) as unknown as [{ count: number }];
    expect(after).toBe(before);
  });
});
