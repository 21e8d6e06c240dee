import { Client, Connection } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createOrder } from '../../db/repositories/orders.js';
import { auditEvents, exceptions, orderNotes, orders, purchaseOrders } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { recordHistory } from '../helpers/histories.js';

const post = (url: string, body: unknown = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => {
    expect(r.status).toBeLessThan(300);
    return r.json() as Promise<any>;
  });

/** One PO's life after confirmation, against real Temporal, Postgres and sandboxes over HTTP. */
describe('purchaseOrder workflow', () => {
  let stack: Stack;
  let call: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    // The dealer's eBay account points at the stack's eBay sandbox: pushes load it like the worker does.
    stack = await startStack({ autoProcessing: true, pollIntervalMs: 500, channelAccounts: true });
    call = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  async function dropshipWebsiteOrder(channelOrderId: string) {
    const order = await call('POST', '/v1/orders', demoOrderBody(channelOrderId));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    const poNumber = await eventually(
      async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    return { orderId: order.body.id as string, dropshipId: started.body.id as string, workflowId: started.body.workflowId as string, poNumber };
  }

  const poRow = async (poNumber: string) => (await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, poNumber)))[0];

  it('places exactly one order when WPS accepts it but the response is lost', async () => {
    await post(`${stack.wpsUrl}/_control/faults`, { loseResponseOnce: { method: 'POST', path: '/orders' } });
    const { orderId, poNumber } = await dropshipWebsiteOrder('WEB-LOST-1');
    await eventually(async () => ((await poRow(poNumber))?.submittedAt ? true : undefined), 'the PO to be submitted');
    expect(stack.wps.state.orders.filter((o) => o.po_number === poNumber)).toHaveLength(1);
    const [submitted] = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.type, 'po.submitted')));
    expect(submitted!.summary).toContain('was already at Western Power Sports');
  });

  it('handles a partial shipment then the rest: two emails, two eBay fulfilments, two notes, order shipped — once each despite a Resend 429', async () => {
    const ebayOrder = (
      await post(`${stack.ebayUrl}/_control/orders`, {
        lineItems: [
          { quantity: 1, sku: 'HELMET-MX-M' },
          { quantity: 2, sku: 'OIL-FILTER-204' },
        ],
      })
    ).data as { orderId: string; lineItems: Array<{ lineItemId: string }> };
    const { id: orderId } = await createOrder(stack.db, {
      dealerId: stack.dealerId,
      channel: 'ebay',
      channelOrderId: ebayOrder.orderId,
      buyer: { name: 'Rae Dunes', email: 'rae.dunes@example.com' },
      shipTo: { name: 'Rae Dunes', line1: '77 Sand Hollow', city: 'Boise', region: 'ID', postalCode: '83706', country: 'US' },
      shippingRateName: 'Standard Shipping',
      lines: [
        { sku: 'HELMET-MX-M', quantity: 1, unitPriceCents: 12995, channelLineId: ebayOrder.lineItems[0]!.lineItemId },
        { sku: 'OIL-FILTER-204', quantity: 2, unitPriceCents: 1295, channelLineId: ebayOrder.lineItems[1]!.lineItemId },
      ],
    });
    const started = await call('POST', `/v1/orders/${orderId}/dropships`, { mode: 'auto' });
    const poNumber = await eventually(
      async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    await eventually(async () => stack.wps.state.orders.find((o) => o.po_number === poNumber), 'the WPS order');
    const emailsBefore = stack.resend.state.emails.length;

    await post(`${stack.resendUrl}/_control/faults`, { rateLimitNext: 1, retryAfterSeconds: 1 });
    await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, { packages: [{ items: [{ sku: '87-9934', quantity: 1 }] }] });
    await eventually(async () => ((await poRow(poNumber))?.status === 'partially_shipped' ? true : undefined), 'the partial shipment');
    await eventually(async () => (stack.resend.state.emails.length === emailsBefore + 1 ? true : undefined), 'the first email');
    await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`);
    await eventually(async () => ((await poRow(poNumber))?.status === 'shipped' ? true : undefined), 'the PO to be shipped');
    await eventually(
      async () => ((await call('GET', `/v1/dropships/${started.body.id}`)).body.phase === 'completed' ? true : undefined),
      'the drop-ship to complete',
    );

    const emails = stack.resend.state.emails.slice(emailsBefore);
    expect(emails).toHaveLength(2);
    const po = (await call('GET', `/v1/purchase-orders/${poNumber}`)).body;
    const tracking = po.shipments.map((s: { trackingNumber: string }) => s.trackingNumber);
    expect(tracking).toHaveLength(2);
    expect(emails.map((e) => tracking.find((t: string) => e.text?.includes(t)))).toEqual(tracking);
    const fulfillments = (await (await fetch(`${stack.ebayUrl}/_control/orders/${ebayOrder.orderId}/fulfillments`)).json()) as {
      data: Array<{ shipmentTrackingNumber?: string; fulfillmentId: string }>;
    };
    expect(fulfillments.data.map((f) => f.fulfillmentId).sort()).toEqual([...tracking].sort());
    const notes = await stack.db.select().from(orderNotes).where(eq(orderNotes.orderId, orderId));
    expect(notes).toHaveLength(2);
    const [order] = await stack.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order!.status).toBe('shipped');
    const pushes = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.type, 'channel.tracking_pushed')));
    expect(pushes).toHaveLength(2);
    await recordHistory(stack.client, `po:${stack.dealerId}:${poNumber}`, 'po-partial-then-shipped-ebay');
  });

  it('lets an operator find the PO by PoStatus from pending to shipped, and both runs by the marketplace order number', async () => {
    // Test files share one Temporal server, and PO numbers repeat across their dealers: every query names the dealer.
    const find = async (query: string, count = 1) => {
      const ids: string[] = [];
      for await (const run of stack.client.workflow.list({ query })) ids.push(run.workflowId);
      return ids.length === count ? ids.sort() : undefined;
    };
    // WPS answers 500 to everything: the submission retries, so the PO stays pending until it is lifted.
    await post(`${stack.wpsUrl}/_control/faults`, { status5xxRate: 1 });
    let placed: Awaited<ReturnType<typeof dropshipWebsiteOrder>>;
    try {
      placed = await dropshipWebsiteOrder('WEB-FIND-1');
      const poWorkflowId = `po:${stack.dealerId}:${placed.poNumber}`;
      expect(
        await eventually(
          () => find(`DealerId = '${stack.dealerId}' AND PoNumber = '${placed.poNumber}' AND PoStatus = 'pending'`),
          'the pending PO in visibility',
        ),
      ).toEqual([poWorkflowId]);
      expect((await poRow(placed.poNumber))?.submittedAt).toBeNull();
    } finally {
      await post(`${stack.wpsUrl}/_control/faults`, { status5xxRate: 0 });
    }
    const { workflowId, poNumber } = placed;
    const poWorkflowId = `po:${stack.dealerId}:${poNumber}`;
    await eventually(async () => stack.wps.state.orders.find((o) => o.po_number === poNumber), 'the WPS order', 45_000);
    await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`);
    expect(
      await eventually(() => find(`DealerId = '${stack.dealerId}' AND PoNumber = '${poNumber}' AND PoStatus = 'shipped'`), 'the shipped PO in visibility'),
    ).toEqual([poWorkflowId]);
    expect(await eventually(() => find(`DealerId = '${stack.dealerId}' AND ChannelOrderId = 'WEB-FIND-1'`, 2), 'both runs by order number')).toEqual(
      [workflowId, poWorkflowId].sort(),
    );
    await stack.client.workflow.getHandle(workflowId).result();
    await recordHistory(stack.client, workflowId, 'dropship-auto-shipped-channel-order-id');
    await recordHistory(stack.client, poWorkflowId, 'po-pending-through-errors-then-shipped');
  });

  it('ships a website order with no task it does not need: submitted written by the submission, the note with the package, no push', async () => {
    const { orderId, workflowId, poNumber } = await dropshipWebsiteOrder('WEB-FEWER-1');
    await eventually(async () => stack.wps.state.orders.find((o) => o.po_number === poNumber), 'the WPS order');
    await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`);
    await stack.client.workflow.getHandle(workflowId).result();
    const poWorkflowId = `po:${stack.dealerId}:${poNumber}`;
    const events = (await stack.client.workflow.getHandle(poWorkflowId).fetchHistory()).events ?? [];
    const activities = events.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
    expect(activities).toContain('emailBuyerShipment');
    expect(activities).not.toContain('pushTrackingToChannel'); // a website order takes no tracking back
    // Core keeps each local activity's type in its marker as plain JSON.
    const localActivities = events
      .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')
      .map((e) => e.markerRecordedEventAttributes?.details?.['data']?.payloads?.[0]?.data)
      .filter((data): data is Uint8Array => Boolean(data))
      .map((data) => (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string }).activity_type);
    expect(localActivities).toContain('recordShipment');
    expect(localActivities).not.toContain('noteOrderShipment');
    expect(await stack.db.select().from(orderNotes).where(eq(orderNotes.orderId, orderId))).toHaveLength(1);
    const trail = await stack.db
      .select({ type: auditEvents.type, summary: auditEvents.summary, dedupeKey: auditEvents.dedupeKey })
      .from(auditEvents)
      .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.poNumber, poNumber)))
      .orderBy(auditEvents.id);
    const statusChanges = trail.filter((e) => e.dedupeKey?.startsWith('po-status:'));
    expect(statusChanges[0]!.summary).toBe(`PO ${poNumber} is with Western Power Sports; tracking started`);
    // Every status change but "submitted", which the submission wrote, is a local activity of its own.
    expect(localActivities.filter((type) => type === 'recordPurchaseOrderStatus')).toHaveLength(statusChanges.length - 1);
    expect(trail.filter((e) => e.type === 'order.note_added')).toHaveLength(1);
    expect(trail.filter((e) => e.type === 'channel.tracking_pushed')).toHaveLength(0);
    const dropshipTrail = await stack.db
      .select({ type: auditEvents.type })
      .from(auditEvents)
      .where(and(eq(auditEvents.orderId, orderId), sql`${auditEvents.type} like 'dropship.%'`))
      .orderBy(auditEvents.id);
    expect(dropshipTrail.map((e) => e.type)).toEqual(['dropship.routed', 'dropship.submitting', 'dropship.in_progress', 'dropship.completed']);
    await recordHistory(stack.client, workflowId, 'dropship-auto-shipped-fewer-tasks');
    await recordHistory(stack.client, poWorkflowId, 'po-shipped-website-fewer-tasks');
  });

  it('keeps buyer PII out of Temporal history (payloads are encrypted)', async () => {
    const { workflowId } = await dropshipWebsiteOrder('WEB-PII-1');
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const raw = new Client({ connection }); // no codec: what an operator without the key would see
      // Every byte field (payload data and metadata) decoded as text, as anyone reading raw history could.
      const history = bytesAsText(await raw.workflow.getHandle(workflowId).fetchHistory());
      expect(history).toContain('binary/encrypted');
      expect(history).toContain('planReady');
      for (const pii of ['Jane Rider', 'jane.rider@example.com', '123 Main St', '83702']) expect(history).not.toContain(pii);
    } finally {
      await connection.close();
    }
  });
});

describe('purchaseOrder workflow: giving up', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ autoProcessing: true, pollIntervalMs: 500, giveUpAfterMs: 4000 });
  });
  afterAll(async () => stack?.stop());

  async function giveUp(channelOrderId: string) {
    const call = dealerApi(stack.app, stack.apiKey);
    const order = await call('POST', '/v1/orders', demoOrderBody(channelOrderId));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    const poNumber = await eventually(
      async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    await eventually(
      async () => ((await call('GET', `/v1/purchase-orders/${poNumber}`)).body.status === 'given_up' ? true : undefined),
      'the PO to be given up',
      20_000,
    );
    const exception = await eventually(async () => (await stack.db.select().from(exceptions).where(eq(exceptions.poNumber, poNumber)))[0], 'the exception');
    const handle = stack.client.workflow.getHandle(`po:${stack.dealerId}:${poNumber}`);
    await handle.result(); // the dealer alert and the completion come after the status is visible
    const history = await handle.fetchHistory();
    const polls = stack.wps.state.requests.filter((r) => r.method === 'GET' && r.path === `/orders/${poNumber}`).length;
    const events = history.events ?? [];
    return { poNumber, exception, events: events.length, polls };
  }

  it('stops tracking a PO that never ships, marks it given up and tells the dealer, with a small history', async () => {
    const { poNumber, exception, events, polls } = await giveUp('WEB-GIVEUP-1');
    expect(exception).toMatchObject({ kind: 'po_given_up', status: 'open' });
    expect(exception.message).toBe(
      `PO ${poNumber}: 0 of 1 line shipped; 1 has not shipped after 0 days (still due: 87-9934 × 2). Dropline has stopped checking it; please contact Western Power Sports about this PO.`,
    );
    const dealerEmail = await eventually(async () => stack.resend.state.emails.find((e) => e.to.includes('parts@ridgeline.example')), 'the dealer email');
    expect(dealerEmail.subject).toBe(`PO ${poNumber} has not fully shipped after 0 days`);
    console.log(`purchaseOrder give-up path: ${events} history events after ${polls} polls`);
    expect(events).toBeLessThanOrEqual(60);
    const [{ count }] = (await stack.db.execute(
      sql`select count(*)::int as count from audit_events where po_number = ${poNumber} and type = 'po.given_up'`,
    )) as unknown as [{ count: number }];
    expect(count).toBe(1);
    await recordHistory(stack.client, `po:${stack.dealerId}:${poNumber}`, 'po-given-up');
  });

  it('says what shipped and what did not when it gives up on a PO shipped in part', async () => {
    const call = dealerApi(stack.app, stack.apiKey);
    stack.tracking.giveUpAfterMs = 8000;
    try {
      const lines = [
        { sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 },
        { sku: 'OIL-FILTER-204', quantity: 2, unitPrice: 12.95 },
      ];
      const order = await call('POST', '/v1/orders', demoOrderBody('WEB-GIVEUP-PART', lines));
      const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
      const poNumber = await eventually(
        async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
        'the PO number',
      );
      await eventually(async () => stack.wps.state.orders.find((o) => o.po_number === poNumber), 'the WPS order');
      // The helmet ships, and one of the two oil filters.
      await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, {
        packages: [
          {
            items: [
              { sku: '87-9934', quantity: 1 },
              { sku: '26-1105', quantity: 1 },
            ],
          },
        ],
      });
      const handle = stack.client.workflow.getHandle(`po:${stack.dealerId}:${poNumber}`);
      expect((await handle.result()).status).toBe('given_up');

      const said = '1 of 2 lines shipped; 1 has not shipped after 0 days (still due: 26-1105 × 1)';
      const [status] = await stack.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.poNumber, poNumber), eq(auditEvents.type, 'po.given_up')));
      expect(status!.summary).toBe(`PO ${poNumber}: ${said}; tracking stopped`);
      const [exception] = await stack.db.select().from(exceptions).where(eq(exceptions.poNumber, poNumber));
      expect(exception!.message).toBe(`PO ${poNumber}: ${said}. Dropline has stopped checking it; please contact Western Power Sports about this PO.`);
      const email = await eventually(
        async () => stack.resend.state.emails.find((e) => e.subject === `PO ${poNumber} has not fully shipped after 0 days`),
        'the dealer email',
      );
      expect(JSON.stringify(email)).toContain(said);
      await recordHistory(stack.client, `po:${stack.dealerId}:${poNumber}`, 'po-given-up-part-shipped');
    } finally {
      stack.tracking.giveUpAfterMs = 4000;
    }
  });

  it('keeps the same history size however many polls it takes (so 42 days of hourly polls stay small)', async () => {
    // Retry timers fire with about one-second precision on the dev server, so the spread is modest.
    Object.assign(stack.tracking, { giveUpAfterMs: 6000, pollIntervalMs: 3000 });
    const slow = await giveUp('WEB-GIVEUP-SLOW');
    stack.tracking.pollIntervalMs = 500;
    const fast = await giveUp('WEB-GIVEUP-FAST');
    console.log(`give-up history: ${slow.events} events after ${slow.polls} polls; ${fast.events} events after ${fast.polls} polls`);
    expect(fast.polls).toBeGreaterThanOrEqual(slow.polls + 3);
    // The last poll ends as started+failed or just timed out, depending on timing: one event either way.
    expect(Math.abs(fast.events - slow.events)).toBeLessThanOrEqual(1);
  });
});

/** Every byte field of a history (payload data, metadata) decoded as UTF-8 and joined. */
function bytesAsText(value: unknown, out: string[] = []): string {
  if (ArrayBuffer.isView(value)) out.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'));
  else if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const child of Object.values(value)) bytesAsText(child, out);
  return out.join('\n');
}
