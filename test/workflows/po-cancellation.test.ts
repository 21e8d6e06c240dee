import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, dealers, exceptions, poLines, purchaseOrders } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { addAutomaticAccount } from '../helpers/automatic.js';
import { eventually } from '../helpers/eventually.js';
import { recordHistory } from '../helpers/histories.js';
import { deliverShopifyWebhook, SHOP_DOMAIN, shopifyOrderFixture, WEBHOOK_SECRET } from '../helpers/shopify-webhook.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Parts only Automatic Distributors carries; GHOST-PART is mapped to a part number Automatic does not know. */
const AUTOMATIC_PARTS = [
  { dealerSku: 'LEVER-BRAKE', distributorSku: '171-1042' },
  { dealerSku: 'CHAIN-520', distributorSku: '240-0033' },
  { dealerSku: 'GHOST-PART', distributorSku: '999-0000' },
];

const controlPost = (url: string, body: unknown = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => {
    expect(r.status, await r.clone().text()).toBeLessThan(300);
    return r.json() as Promise<unknown>;
  });

/**
 * Cancelling a placed PO (issue 13 item 1): through Automatic's revoke where the distributor has a cancel
 * API, as a task for the dealer where it has none; each line ends cancelled, refused, unknown or shipped
 * after cancel requested, and the buyer's cancellation on Shopify asks the same of each open PO.
 */
describe('cancellation of a placed purchase order', () => {
  let stack: Stack;
  let call: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false, pollIntervalMs: 300 });
    await addAutomaticAccount(
      stack,
      AUTOMATIC_PARTS.map((part) => ({ ...part, costCents: 1500, quantity: 40 })),
    );
    call = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const revokes = () => stack.automatic.state.requests.filter((r) => r.method === 'POST' && r.path === '/v2/order/revoke').length;
  const poRow = async (poNumber: string) => (await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, poNumber)))[0]!;
  const lineStates = async (poNumber: string) => {
    const po = await poRow(poNumber);
    const lines = await stack.db.select().from(poLines).where(eq(poLines.poId, po.id));
    return Object.fromEntries(lines.map((l) => [l.distributorSku, l.cancelState]));
  };
  const poStatus = (poNumber: string, status: string) =>
    eventually(async () => {
      const row = await poRow(poNumber);
      return row.status === status ? row : undefined;
    }, `PO ${poNumber} to be ${status}`);
  const exceptionsOf = (poNumber: string, kind: string) =>
    stack.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.poNumber, poNumber), eq(exceptions.kind, kind as never)));
  const auditOf = (poNumber: string) => stack.db.select().from(auditEvents).where(eq(auditEvents.poNumber, poNumber)).orderBy(asc(auditEvents.id));
  const runStatus = async (workflowId: string) => (await stack.client.workflow.getHandle(workflowId).describe()).status.name;
  /** Lets the PO workflow poll a few more times (300 ms apart). */
  const afterPolls = (n: number) => new Promise((resolve) => setTimeout(resolve, n * 300 + 200));

  /** An order routed whole to one distributor, drop-shipped automatically; answers once its PO is accepted there. */
  async function placedPo(channelOrderId: string, lines: Parameters<typeof demoOrderBody>[1], distributor = 'automatic') {
    const order = await call('POST', '/v1/orders', demoOrderBody(channelOrderId, lines));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    expect(started.status).toBe(201);
    const po = await eventually(async () => {
      const pos = (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders as Array<{
        distributor: string;
        poNumber: string;
        workflowId: string;
      }>;
      return pos?.[0];
    }, 'the PO');
    expect(po.distributor).toBe(distributor);
    await poStatus(po.poNumber, 'accepted');
    return { orderId: order.body.id as string, poNumber: po.poNumber, workflowId: po.workflowId };
  }

  const automaticControl = (poNumber: string, move: string, body: unknown = {}) =>
    controlPost(`${stack.automaticUrl}/_control/orders/${encodeURIComponent(poNumber)}/${move}`, body);

  describe('POST /v1/purchase-orders/{poNumber}/cancellation', () => {
    it('answers 404 for a PO the dealer does not have, and 400 for a bad body, asking nothing of any distributor', async () => {
      const before = revokes();
      const unknown = await call('POST', '/v1/purchase-orders/DL999999-A/cancellation', {});
      expect(unknown.status).toBe(404);

      const { poNumber } = await placedPo('WEB-CANCEL-BAD-BODY', [{ sku: 'LEVER-BRAKE', quantity: 1, unitPrice: 24.95 }]);
      const tooLong = await call('POST', `/v1/purchase-orders/${poNumber}/cancellation`, { reason: 'x'.repeat(501) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.details.fields).toEqual([{ field: 'body.reason', message: 'reason must be at most 500 characters' }]);
      const unknownField = await call('POST', `/v1/purchase-orders/${poNumber}/cancellation`, { reason: 'ok', urgent: true });
      expect(unknownField.status).toBe(400);
      const po = (await call('GET', `/v1/purchase-orders/${poNumber}`)).body;
      expect(po.cancellation).toBeNull();
      expect(po.actions).toContain('request_cancellation');
      expect(revokes()).toBe(before);
    });

    it('refuses with 409 and the reason a PO already shipped or failed cannot be cancelled', async () => {
      const shipped = await placedPo('WEB-CANCEL-SHIPPED', [{ sku: 'LEVER-BRAKE', quantity: 1, unitPrice: 24.95 }]);
      await automaticControl(shipped.poNumber, 'ship');
      await poStatus(shipped.poNumber, 'shipped');
      const refusedShipped = await call('POST', `/v1/purchase-orders/${shipped.poNumber}/cancellation`);
      expect(refusedShipped.status).toBe(409);
      expect(refusedShipped.body.error.message).toBe('A purchase order that has shipped has nothing left to cancel at the distributor');

      const order = await call('POST', '/v1/orders', demoOrderBody('WEB-CANCEL-FAILED', [{ sku: 'GHOST-PART', quantity: 1, unitPrice: 24.95 }]));
      const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
      const failedPo = await eventually(
        async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string,
        'the PO',
      );
      await poStatus(failedPo, 'failed');
      const before = revokes();
      const refusedFailed = await call('POST', `/v1/purchase-orders/${failedPo}/cancellation`, { reason: 'Never mind' });
      expect(refusedFailed.status).toBe(409);
      expect(refusedFailed.body.error.message).toBe('A purchase order that was verified as not placed has nothing left to cancel at the distributor');
      expect(revokes()).toBe(before);
      expect((await poRow(failedPo)).cancellation).toBeNull();
    });

    it('takes a request once: accepted (202) and recorded before the answer, no longer offered, and a second is refused with 409', async () => {
      const { poNumber } = await placedPo('WEB-CANCEL-TWICE', [{ sku: 'OIL-FILTER-204', quantity: 1, unitPrice: 19.95 }], 'wps');
      const first = await call('POST', `/v1/purchase-orders/${poNumber}/cancellation`);
      expect(first.status).toBe(202);
      expect(first.location).toBe(`/v1/purchase-orders/${poNumber}`);
      expect(first.body).toEqual({ status: 'accepted', location: `/v1/purchase-orders/${poNumber}`, events: '/v1/events' });
      // The request is written with its acceptance, so the PO read at once already carries it.
      const accepted = (await call('GET', first.location)).body;
      expect(accepted).toMatchObject({ poNumber, cancellation: { requestedBy: 'alex@ridgeline.example', reason: null } });
      expect(accepted.actions).not.toContain('request_cancellation');

      const second = await call('POST', `/v1/purchase-orders/${poNumber}/cancellation`, { reason: 'Again' });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toBe('Cancellation of this purchase order has already been requested');
      const detail = (await call('GET', `/v1/purchase-orders/${poNumber}`)).body;
      expect(detail.cancellation).toMatchObject({ reason: null });
      expect(detail.actions).not.toContain('request_cancellation');
      const requests = (await auditOf(poNumber)).filter((e) => e.type === 'po.cancel_requested');
      expect(requests).toHaveLength(1);
      // The dealer is asked once to phone WPS, however often the button is pressed.
      await eventually(async () => ((await exceptionsOf(poNumber, 'cancellation_task')).length === 1 ? true : undefined), 'the task');
    });
  });

  it('cancels through Automatic’s revoke, called once: every line cancelled, the PO cancelled, request and outcome in the audit trail', async () => {
    const { poNumber, workflowId } = await placedPo('WEB-CANCEL-API', [
      { sku: 'LEVER-BRAKE', quantity: 2, unitPrice: 24.95 },
      { sku: 'CHAIN-520', quantity: 1, unitPrice: 49.95 },
    ]);
    const before = revokes();

    const answer = await call('POST', `/v1/purchase-orders/${poNumber}/cancellation`, { reason: 'The buyer changed their mind' });
    expect(answer.status).toBe(202);
    const requested = (await call('GET', answer.location)).body;
    expect(requested.cancellation).toMatchObject({ requestedBy: 'alex@ridgeline.example', reason: 'The buyer changed their mind' });
    expect(requested.actions).not.toContain('request_cancellation');

    await poStatus(poNumber, 'cancelled');
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED' || undefined, 'the PO workflow to end');
    expect(revokes() - before).toBe(1);
    expect(await lineStates(poNumber)).toEqual({ '171-1042': 'cancelled', '240-0033': 'cancelled' });
    const po = await poRow(poNumber);
    expect(po.cancellation).toMatchObject({ via: 'api', note: `Automatic Distributors took the cancellation of PO ${poNumber}` });

    const trail = await auditOf(poNumber);
    expect(trail.find((e) => e.type === 'po.cancel_requested')).toMatchObject({
      actorType: 'dealer_user',
      actorId: 'alex@ridgeline.example',
      summary: `Cancellation of PO ${poNumber} requested (2 × LEVER-BRAKE, 1 × CHAIN-520): The buyer changed their mind`,
    });
    expect(trail.find((e) => e.type === 'po.cancel_outcome')).toMatchObject({ actorType: 'distributor', details: { via: 'api', refused: [] } });
    expect(trail.filter((e) => e.type === 'po.line_cancelled')).toHaveLength(2);
    expect(await exceptionsOf(poNumber, 'shipped_after_cancel')).toEqual([]);
    await recordHistory(stack.client, workflowId, 'po-cancel-via-api');
  });

  it('records a refusal when everything is being picked: lines refused, the reason in the note, the PO still tracked until it ships', async () => {
    const { poNumber, workflowId } = await placedPo('WEB-CANCEL-REFUSED', [
      { sku: 'LEVER-BRAKE', quantity: 1, unitPrice: 24.95 },
      { sku: 'CHAIN-520', quantity: 1, unitPrice: 49.95 },
    ]);
    await automaticControl(poNumber, 'pick');
    const before = revokes();

    expect((await call('POST', `/v1/purchase-orders/${poNumber}/cancellation`)).status).toBe(202);
    const refused = await eventually(async () => {
      const states = await lineStates(poNumber);
      return Object.values(states).every((s) => s === 'refused') ? states : undefined;
    }, 'the lines to be refused');
    expect(refused).toEqual({ '171-1042': 'refused', '240-0033': 'refused' });
    expect(revokes() - before).toBe(1);
    const po = await poRow(poNumber);
    expect(po.cancellation?.note).toContain(`Automatic Distributors refused to cancel PO ${poNumber}`);
    expect(po.cancellation?.note).toContain('being picked for shipment');
    expect(po.cancellation?.note).toContain('arrange a return or let the buyer keep it');

    await afterPolls(3);
    expect(await runStatus(workflowId)).toBe('RUNNING');
    expect((await poRow(poNumber)).status).toBe('accepted');
    // It ships as Automatic said it would: the dealer still has parts out that the buyer did not want.
    await automaticControl(poNumber, 'ship');
    await poStatus(poNumber, 'shipped');
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED' || undefined, 'the PO workflow to end');
    expect(await lineStates(poNumber)).toEqual({ '171-1042': 'shipped_after_cancel', '240-0033': 'shipped_after_cancel' });
    expect(await exceptionsOf(poNumber, 'shipped_after_cancel')).toHaveLength(1);
    await recordHistory(stack.client, workflowId, 'po-cancel-refused-then-shipped');
  });

  it('cancels the line not picked and refuses the picked one; when that one ships it ends shipped after cancel, with one exception', async () => {
    const { poNumber, workflowId } = await placedPo('WEB-CANCEL-SHIPS', [
      { sku: 'LEVER-BRAKE', quantity: 2, unitPrice: 24.95 },
      { sku: 'CHAIN-520', quantity: 1, unitPrice: 49.95 },
    ]);
    await automaticControl(poNumber, 'pick', { items: [{ sku: '171-1042', quantity: 2 }] });
    const before = revokes();

    expect((await call('POST', `/v1/purchase-orders/${poNumber}/cancellation`)).status).toBe(202);
    await eventually(async () => {
      const states = await lineStates(poNumber);
      return states['171-1042'] === 'refused' && states['240-0033'] === 'cancelled' ? states : undefined;
    }, 'the picked line refused and the other cancelled');
    expect(revokes() - before).toBe(1);
    expect((await poRow(poNumber)).cancellation?.note).toBe(
      `Automatic Distributors took the cancellation of PO ${poNumber} but did not cancel 2 × 171-1042, which may already be on its way`,
    );

    // One unit ships first: the PO keeps being tracked, and its polls must not open a second exception.
    await automaticControl(poNumber, 'ship', { packages: [{ items: [{ sku: '171-1042', quantity: 1 }] }] });
    await eventually(async () => ((await lineStates(poNumber))['171-1042'] === 'shipped_after_cancel' ? true : undefined), 'the line to ship after cancel');
    await afterPolls(4);
    expect(await exceptionsOf(poNumber, 'shipped_after_cancel')).toHaveLength(1);
    expect(await runStatus(workflowId)).toBe('RUNNING');

    await automaticControl(poNumber, 'ship');
    await poStatus(poNumber, 'shipped');
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED' || undefined, 'the PO workflow to end');
    expect(await lineStates(poNumber)).toEqual({ '171-1042': 'shipped_after_cancel', '240-0033': 'cancelled' });
    const raised = await exceptionsOf(poNumber, 'shipped_after_cancel');
    expect(raised).toHaveLength(1);
    expect(raised[0]!.message).toContain(`LEVER-BRAKE on PO ${poNumber} shipped after cancellation was requested`);
    await recordHistory(stack.client, workflowId, 'po-cancel-line-shipped-anyway');
  });

  it('turns a request at a distributor without a cancel API into one task, which the next poll reconciles and closes', async () => {
    const { poNumber, workflowId } = await placedPo('WEB-CANCEL-TASK', [{ sku: 'OIL-FILTER-204', quantity: 2, unitPrice: 19.95 }], 'wps');

    expect((await call('POST', `/v1/purchase-orders/${poNumber}/cancellation`, { reason: 'Ordered twice' })).status).toBe(202);
    const [task] = await eventually(async () => {
      const found = await exceptionsOf(poNumber, 'cancellation_task');
      return found.length > 0 ? found : undefined;
    }, 'the cancellation task');
    expect(task!.message).toContain('Western Power Sports has no cancellation API');
    expect(task!.message).toMatch(new RegExp(`cancel PO ${poNumber} \\(their order \\d+\\): 2 × 26-1105`));
    expect(task!.status).toBe('open');
    expect((await poRow(poNumber)).cancellation).toMatchObject({ via: 'task', reason: 'Ordered twice' });
    await afterPolls(3);
    expect(await exceptionsOf(poNumber, 'cancellation_task')).toHaveLength(1);
    expect(await lineStates(poNumber)).toEqual({ '26-1105': 'requested' });

    // The dealer phoned WPS, and WPS cancelled it.
    await controlPost(`${stack.wpsUrl}/_control/orders/${encodeURIComponent(poNumber)}/cancel`);
    await poStatus(poNumber, 'cancelled');
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED' || undefined, 'the PO workflow to end');
    expect(await lineStates(poNumber)).toEqual({ '26-1105': 'cancelled' });
    const closed = await exceptionsOf(poNumber, 'cancellation_task');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ status: 'resolved', resolvedBy: 'system' });
    expect(closed[0]!.resolution).toContain('Western Power Sports has settled every line of the request');
    // The distributor's cancellation is what the dealer asked for: no exception of its own.
    expect(await exceptionsOf(poNumber, 'po_cancelled_by_distributor')).toEqual([]);
    await recordHistory(stack.client, workflowId, 'po-cancel-task-reconciled');
  });

  it('cancels at Automatic when the buyer cancels a Shopify order after its PO was placed, and refuses to drop-ship it again', async () => {
    const connected = await call('PUT', '/v1/channel-accounts/shopify', {
      shopDomain: SHOP_DOMAIN,
      credentials: { accessToken: 'shpat_test_0123456789', webhookSecret: WEBHOOK_SECRET },
    });
    expect(connected.status).toBe(200);
    await stack.db.update(dealers).set({ autoProcessing: true }).where(eq(dealers.id, stack.dealerId));
    const paid = shopifyOrderFixture('paid');
    paid.id = 5731092644099;
    paid.admin_graphql_api_id = 'gid://shopify/Order/5731092644099';
    paid.line_items[0].sku = 'LEVER-BRAKE';

    const created = await deliverShopifyWebhook(stack.app, stack.dealerId, { body: paid });
    expect(created).toMatchObject({ status: 200, body: { outcome: 'created', status: 'open' } });
    const orderId = created.body.orderId as string;
    const dropshipId = created.body.dropshipId as string;
    expect(dropshipId).toBeTruthy();
    const po = await eventually(async () => (await call('GET', `/v1/dropships/${dropshipId}`)).body.purchaseOrders?.[0], 'the PO');
    expect(po.distributor).toBe('automatic');
    await poStatus(po.poNumber, 'accepted');
    await stack.db.update(dealers).set({ autoProcessing: false }).where(eq(dealers.id, stack.dealerId));
    const before = revokes();

    const cancelled = { ...paid, cancelled_at: '2026-11-20T12:05:00-07:00', updated_at: '2026-11-20T12:05:00-07:00' };
    const cancel = await deliverShopifyWebhook(stack.app, stack.dealerId, { body: cancelled, topic: 'orders/cancelled' });
    expect(cancel).toMatchObject({ status: 200, body: { outcome: 'dealer_told', orderId } });

    await poStatus(po.poNumber, 'cancelled');
    await eventually(async () => ((await lineStates(po.poNumber))['171-1042'] === 'cancelled' ? true : undefined), 'the line to be cancelled');
    expect(revokes() - before).toBe(1);
    const request = (await auditOf(po.poNumber)).find((e) => e.type === 'po.cancel_requested');
    expect(request).toMatchObject({ actorType: 'channel' });
    expect(request!.summary).toContain('The buyer cancelled the order on Shopify');
    expect((await poRow(po.poNumber)).cancellation).toMatchObject({ requestedBy: 'channel', reason: 'The buyer cancelled the order on Shopify' });
    expect((await call('GET', `/v1/orders/${orderId}`)).body.status).toBe('cancelled');

    const automaticOrders = stack.automatic.state.orders.length;
    const again = await call('POST', `/v1/orders/${orderId}/dropships`, { mode: 'auto' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('This order was cancelled, so nothing is drop-shipped for it');
    await afterPolls(2);
    expect(stack.automatic.state.orders.length).toBe(automaticOrders);
  });
});
