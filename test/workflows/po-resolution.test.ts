import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCatalogItems, putStock } from '../../db/repositories/catalog-upsert.js';
import { auditEvents, exceptions, purchaseOrders } from '../../db/schema/index.js';
import { connectorFor } from '../../distributors/registry.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { recordHistory } from '../helpers/histories.js';
import { addPartsUnlimitedAccount } from '../helpers/parts-unlimited.js';
import { startStack, type Stack } from '../helpers/stack.js';

const post = (url: string, body: unknown = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => {
    expect(r.status).toBeLessThan(300);
    return r.json() as Promise<any>;
  });

/**
 * What the dealer (or their failover policy) does about a PO that did not go smoothly: retry it under
 * the same number, re-route its lines to the next distributor, and hear of distributor cancellations
 * and backorders once each (DESIGN.md §6, §7).
 */
describe('resolving purchase orders', () => {
  let stack: Stack;
  let call: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    // Submission gives up after 3 s and the final lookup after 4 s, so a PO ends failed or unknown quickly.
    stack = await startStack({
      autoProcessing: false,
      pollIntervalMs: 300,
      submitGiveUpAfterMs: 3000,
      verifyWithinMs: 4000,
      // Parts Unlimited's live stock check must find the parts a re-route moves to it.
      sandboxes: {
        parts_unlimited: {
          catalog: {
            '0101-3337': { price: 89.95, warehouses: { WI: 6 } },
            '0402-0212': { price: 12.95, warehouses: { PA: 30 } },
            '2110-0101': { price: 95, warehouses: { WI: 5 } },
            '2110-0102': { price: 95, warehouses: { WI: 5 } },
            '2110-0103': { price: 140, warehouses: { WI: 5 } },
          },
        },
      },
    });
    await addPartsUnlimitedAccount(stack);
    call = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const poRow = async (poNumber: string) => (await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, poNumber)))[0];
  const poStatus = (poNumber: string, status: string) =>
    eventually(async () => {
      const row = await poRow(poNumber);
      return row?.status === status ? row : undefined;
    }, `PO ${poNumber} to be ${status}`);
  const exceptionsOf = (poNumber: string) => stack.db.select().from(exceptions).where(eq(exceptions.poNumber, poNumber)).orderBy(asc(exceptions.createdAt));
  const auditOf = (poNumber: string) =>
    stack.db.select().from(auditEvents).where(eq(auditEvents.poNumber, poNumber)).orderBy(asc(auditEvents.at), asc(auditEvents.id));
  const runStatus = async (workflowId: string) => (await stack.client.workflow.getHandle(workflowId).describe()).status.name;
  const wpsOrders = (poNumber: string) => stack.wps.state.orders.filter((o: { po_number: string }) => o.po_number === poNumber);
  const puOrders = (poNumber: string) => stack.pu.state.orders.filter((o: { purchase_order_number: string }) => o.purchase_order_number === poNumber);

  /** A part both distributors carry, which the WPS feed lists in stock but WPS's live check will not have. */
  async function partWpsWillRefuse(dealerSku: string, wpsSku: string, puSku: string, puCostCents: number) {
    const { dealerId, db } = stack;
    await putCatalogItems(db, dealerId, [
      { distributor: 'wps', distributorSku: wpsSku, dealerSku, costCents: 9000 },
      { distributor: 'parts_unlimited', distributorSku: puSku, dealerSku, costCents: puCostCents },
    ]);
    await putStock(db, [
      { distributor: 'wps', distributorSku: wpsSku, warehouseCode: 'ID', quantity: 15 },
      { distributor: 'parts_unlimited', distributorSku: puSku, warehouseCode: 'WI', quantity: 5 },
    ]);
  }

  async function autoDropship(channelOrderId: string, lines: Parameters<typeof demoOrderBody>[1]) {
    const order = await call('POST', '/v1/orders', demoOrderBody(channelOrderId, lines));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    expect(started.status).toBe(201);
    const pos = await eventually(async () => {
      const state = (await call('GET', `/v1/dropships/${started.body.id}`)).body;
      return state.purchaseOrders?.length ? (state.purchaseOrders as Array<{ distributor: string; poNumber: string; workflowId: string }>) : undefined;
    }, 'the purchase orders');
    return { orderId: order.body.id as string, pos };
  }

  it('retries an unverified PO under its number and finds the order that did reach the distributor, placing no second one', async () => {
    await post(`${stack.wpsUrl}/_control/faults`, { status5xxRate: 1 });
    let poNumber: string;
    let workflowId: string;
    try {
      const { pos } = await autoDropship('WEB-RESOLVE-1', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]);
      ({ poNumber, workflowId } = pos[0]!);
      await poStatus(poNumber, 'unknown');
      await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED', 'the PO workflow to complete');
    } finally {
      await post(`${stack.wpsUrl}/_control/faults`, { status5xxRate: 0 });
    }
    // What the lost attempt did in fact: the order is at WPS.
    const wps = connectorFor('wps', { apiToken: WPS_SANDBOX_TOKEN }, { wps: stack.wpsUrl });
    await wps.submitPurchaseOrder({
      poNumber,
      shipTo: { name: 'Jane Rider', line1: '123 Main St', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' },
      shipMethod: (await poRow(poNumber))!.shipMethod,
      lines: [{ distributorSku: '87-9934', quantity: 1 }],
    });
    expect(wpsOrders(poNumber)).toHaveLength(1);

    const retried = await call('POST', `/v1/purchase-orders/${poNumber}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('pending');
    expect(retried.body.actions).toEqual([]);
    const again = await call('POST', `/v1/purchase-orders/${poNumber}/retry`);
    expect(again.status).toBe(409);

    await poStatus(poNumber, 'accepted');
    expect(wpsOrders(poNumber)).toHaveLength(1);
    const trail = await auditOf(poNumber);
    expect(trail.find((e) => e.type === 'po.retry_requested')).toMatchObject({ actorType: 'dealer_user' });
    const submitted = trail.filter((e) => e.type === 'po.submitted').map((e) => e.summary);
    expect(submitted).toContainEqual(expect.stringContaining('was already at Western Power Sports'));
    expect(submitted.some((summary) => summary.includes('submitted to'))).toBe(false);
    // The first attempt's exception closed once the retry found the PO placed.
    const [unknown] = await exceptionsOf(poNumber);
    expect(unknown).toMatchObject({ kind: 'po_unknown', status: 'resolved', resolvedBy: 'system' });
    await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`);
    await poStatus(poNumber, 'shipped');
    await eventually(async () => (await runStatus(workflowId)) === 'COMPLETED', 'the retried run to complete');
    // The retry knows its order came from the dealer's website: the buyer is emailed, no channel is pushed to.
    const scheduled = ((await stack.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).map(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name,
    );
    expect(scheduled).toContain('emailBuyerShipment');
    expect(scheduled).not.toContain('pushTrackingToChannel');
    await recordHistory(stack.client, workflowId, 'po-retried-found-placed');
  });

  it('re-routes a refused PO to the next distributor: one new PO, linked both ways, the refusing distributor shown with its reason', async () => {
    await partWpsWillRefuse('TIRE-RR-A', '56-9001', '2110-0101', 9500);
    const { pos, orderId } = await autoDropship('WEB-RESOLVE-2', [{ sku: 'TIRE-RR-A', quantity: 1, unitPrice: 149.95 }]);
    const refused = pos[0]!;
    expect(refused.distributor).toBe('wps');
    await poStatus(refused.poNumber, 'failed');
    expect((await call('GET', `/v1/purchase-orders/${refused.poNumber}`)).body.actions).toEqual(['retry', 'reroute']);
    // Nothing is on its way any more, so the order is open again rather than drop-shipping for good.
    await eventually(async () => ((await call('GET', `/v1/orders/${orderId}`)).body.status === 'open' ? true : undefined), 'the order to be open again');

    const rerouted = await call('POST', `/v1/purchase-orders/${refused.poNumber}/reroute`, {});
    expect(rerouted.status).toBe(200);
    expect(rerouted.body.phase).toBe('awaiting_confirmation');
    const [line] = rerouted.body.plan.lines;
    expect(line.chosen.distributor).toBe('parts_unlimited');
    const wpsCandidate = line.candidates.find((c: { distributor: string }) => c.distributor === 'wps');
    expect(wpsCandidate.reasons).toContainEqual(
      expect.objectContaining({ code: 'distributor_excluded', message: expect.stringContaining(`no longer has the stock for PO ${refused.poNumber}`) }),
    );
    // A second request finds the same re-route rather than opening another.
    const repeated = await call('POST', `/v1/purchase-orders/${refused.poNumber}/reroute`, {});
    expect(repeated.body.id).toBe(rerouted.body.id);

    const confirmed = await call('POST', `/v1/dropships/${rerouted.body.id}/confirm`, { acknowledged: true });
    expect(confirmed.status).toBe(202);
    const newPoNumber = `${refused.poNumber.replace(/-W$/, '')}R1-P`;
    await poStatus(newPoNumber, 'accepted');
    expect(puOrders(newPoNumber)).toHaveLength(1);
    // The refusal's exception is dealt with now that its lines have gone elsewhere.
    expect(await exceptionsOf(refused.poNumber)).toEqual([expect.objectContaining({ kind: 'po_failed', status: 'resolved', resolvedBy: 'system' })]);
    const newPo = (await call('GET', `/v1/purchase-orders/${newPoNumber}`)).body;
    expect(newPo.reroutedFrom).toBe(refused.poNumber);
    const oldPo = (await call('GET', `/v1/purchase-orders/${refused.poNumber}`)).body;
    expect(oldPo).toMatchObject({ status: 'failed', reroutedTo: [newPoNumber], actions: [] });
    expect(oldPo.lines[0].reroutedQty).toBe(1);
    // While its re-route runs, asking again answers that re-route; nothing is routed twice.
    expect((await call('POST', `/v1/purchase-orders/${refused.poNumber}/reroute`, {})).body.id).toBe(rerouted.body.id);
    const order = (await call('GET', `/v1/orders/${orderId}`)).body;
    expect(order.status).toBe('dropshipping');
    expect(order.purchaseOrders.map((po: { poNumber: string }) => po.poNumber).sort()).toEqual([refused.poNumber, newPoNumber].sort());
  });

  it('fails over by itself under the policy, and not above the cost ceiling', async () => {
    expect((await call('PATCH', '/v1/settings', { failoverPolicy: { enabled: true, maxCostPercent: 85 } })).status).toBe(200);
    try {
      await partWpsWillRefuse('TIRE-RR-B', '56-9002', '2110-0102', 9500);
      const { pos } = await autoDropship('WEB-RESOLVE-3', [{ sku: 'TIRE-RR-B', quantity: 1, unitPrice: 149.95 }]);
      const refused = pos[0]!;
      await poStatus(refused.poNumber, 'failed');
      const newPoNumber = `${refused.poNumber.replace(/-W$/, '')}R1-P`;
      await poStatus(newPoNumber, 'accepted');
      expect(puOrders(newPoNumber)).toHaveLength(1);
      const started = (await auditOf(refused.poNumber)).find((e) => e.type === 'po.reroute_started');
      expect(started).toMatchObject({ actorType: 'system', actorId: 'failover' });
      const considered = (started!.details as { considered: Array<{ candidates: Array<{ distributor: string; eligible: boolean }> }> }).considered;
      expect(considered[0]!.candidates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ distributor: 'parts_unlimited', eligible: true }),
          expect.objectContaining({ distributor: 'wps', eligible: false }),
        ]),
      );
      await eventually(async () => (await runStatus(refused.workflowId)) === 'COMPLETED', 'the refused PO to complete');
      await recordHistory(stack.client, refused.workflowId, 'po-failed-then-failed-over');

      // 140.00 of 149.95 is 93 %: above the 85 % ceiling, so the lines stay with the dealer.
      await partWpsWillRefuse('TIRE-RR-C', '56-9003', '2110-0103', 14000);
      const expensive = (await autoDropship('WEB-RESOLVE-4', [{ sku: 'TIRE-RR-C', quantity: 1, unitPrice: 149.95 }])).pos[0]!;
      await poStatus(expensive.poNumber, 'failed');
      const skipped = await eventually(
        async () => (await auditOf(expensive.poNumber)).find((e) => e.type === 'po.failover_skipped'),
        'the failover to be considered',
      );
      expect(skipped.summary).toContain('cost ceiling');
      expect(JSON.stringify(skipped.details)).toContain('failover ceiling of 85 %');
      expect(await poRow(`${expensive.poNumber.replace(/-W$/, '')}R1-P`)).toBeUndefined();
      expect(await exceptionsOf(expensive.poNumber)).toEqual([expect.objectContaining({ kind: 'po_failed', status: 'open' })]);
      // The dealer can still re-route it by hand, at the price they accept.
      expect((await call('GET', `/v1/purchase-orders/${expensive.poNumber}`)).body.actions).toEqual(['retry', 'reroute']);
    } finally {
      await call('PATCH', '/v1/settings', { failoverPolicy: { enabled: false } });
    }
  });

  it('puts a distributor backorder and cancellation in front of the dealer and the buyer, once each', async () => {
    expect((await call('PATCH', '/v1/settings', { notifyBuyerOfPoChanges: true })).status).toBe(200);
    try {
      const { pos } = await autoDropship('WEB-RESOLVE-5', [{ sku: 'HELMET-MX-M', quantity: 2, unitPrice: 129.95 }]);
      const po = pos.find((p) => p.distributor === 'wps')!;
      await poStatus(po.poNumber, 'accepted');
      await post(`${stack.wpsUrl}/_control/orders/${po.poNumber}/backorder`);
      await eventually(async () => ((await exceptionsOf(po.poNumber)).some((e) => e.kind === 'po_backordered') ? true : undefined), 'the backorder exception');
      const backordered = (await call('GET', `/v1/purchase-orders/${po.poNumber}`)).body;
      expect(backordered.lines.reduce((sum: number, l: { backorderedQty: number }) => sum + l.backorderedQty, 0)).toBeGreaterThan(0);
      expect(backordered.actions).toContain('reroute');

      await post(`${stack.wpsUrl}/_control/orders/${po.poNumber}/cancel`);
      await poStatus(po.poNumber, 'cancelled');
      await eventually(async () => (await runStatus(po.workflowId)) === 'COMPLETED', 'the PO workflow to complete');
      const raised = await exceptionsOf(po.poNumber);
      expect(raised.map((e) => `${e.kind}/${e.status}`)).toEqual(['po_backordered/resolved', 'po_cancelled_by_distributor/open']);
      const lines = (await call('GET', `/v1/purchase-orders/${po.poNumber}`)).body.lines as Array<{ quantity: number; cancelledQty: number }>;
      expect(lines.every((l) => l.cancelledQty === l.quantity)).toBe(true);
      const notices = stack.resend.state.emails.filter(
        (e: { to: string[] | string; text?: string; subject: string }) =>
          JSON.stringify(e.to).includes('jane.rider@example.com') && /backorder|cancel/i.test(e.subject),
      );
      expect(notices).toHaveLength(2);
      const digestKinds = (
        await stack.db
          .select({ kind: exceptions.kind })
          .from(exceptions)
          .where(and(eq(exceptions.poNumber, po.poNumber), eq(exceptions.status, 'open')))
      ).map((e) => e.kind);
      expect(digestKinds).toEqual(['po_cancelled_by_distributor']);
      await recordHistory(stack.client, po.workflowId, 'po-backordered-then-cancelled-by-distributor');
    } finally {
      await call('PATCH', '/v1/settings', { notifyBuyerOfPoChanges: false });
    }
  });

  it('re-routes a line backordered longer than the policy allows, and asks the first distributor to cancel it', async () => {
    // 0.00005 days is about 4 seconds.
    expect((await call('PATCH', '/v1/settings', { failoverPolicy: { enabled: true, backorderDays: 0.00005, maxCostPercent: 85 } })).status).toBe(200);
    try {
      const { pos } = await autoDropship('WEB-RESOLVE-6', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]);
      const po = pos[0]!;
      expect(po.distributor).toBe('wps');
      await poStatus(po.poNumber, 'accepted');
      await post(`${stack.wpsUrl}/_control/orders/${po.poNumber}/backorder`);
      await poStatus(po.poNumber, 'backordered');
      const newPoNumber = `${po.poNumber.replace(/-W$/, '')}R1-P`;
      await poStatus(newPoNumber, 'accepted');
      expect(puOrders(newPoNumber)).toHaveLength(1);
      // WPS has no cancel API: the dealer gets the task, and the next report settles it.
      const task = await eventually(async () => (await exceptionsOf(po.poNumber)).find((e) => e.kind === 'cancellation_task'), 'the cancellation task');
      expect(task.message).toContain(`cancel PO ${po.poNumber}`);
      const requested = (await call('GET', `/v1/purchase-orders/${po.poNumber}`)).body;
      expect(requested.cancellation).toMatchObject({ via: 'task', requestedBy: 'failover' });
      expect(requested.lines[0]).toMatchObject({ cancelState: 'requested', reroutedQty: 1 });
      await post(`${stack.wpsUrl}/_control/orders/${po.poNumber}/cancel`);
      await poStatus(po.poNumber, 'cancelled');
      await eventually(async () => (await runStatus(po.workflowId)) === 'COMPLETED', 'the PO workflow to complete');
      const settled = (await call('GET', `/v1/purchase-orders/${po.poNumber}`)).body;
      expect(settled.lines[0].cancelState).toBe('cancelled');
      const raised = await exceptionsOf(po.poNumber);
      expect(raised.map((e) => `${e.kind}/${e.status}`).sort()).toEqual(['cancellation_task/resolved', 'po_backordered/resolved']);
      await recordHistory(stack.client, po.workflowId, 'po-backorder-failed-over-and-cancelled');
    } finally {
      await call('PATCH', '/v1/settings', { failoverPolicy: { enabled: false, backorderDays: 5 } });
    }
  });
});
