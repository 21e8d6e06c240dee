import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCatalogItems, putStock } from '../../db/repositories/catalog-upsert.js';
import { distributorStock, exceptions } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { addPartsUnlimitedAccount } from '../helpers/parts-unlimited.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { recordHistory } from '../helpers/histories.js';

/** Routing across two distributors: one PO per distributor, and the dealer's swap. */
describe('dropship workflow with WPS and Parts Unlimited', () => {
  let stack: Stack;
  let call: ReturnType<typeof dealerApi>;
  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false });
    await addPartsUnlimitedAccount(stack);
    call = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  it('gives a two-distributor order two POs, both visible on the order', async () => {
    const order = await call(
      'POST',
      '/v1/orders',
      demoOrderBody('WEB-TWO-1', [
        { sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 },
        { sku: 'GLOVES-L', quantity: 2, unitPrice: 29.95 },
      ]),
    );
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    expect(started.body.plan.purchaseOrders.map((po: { distributor: string }) => po.distributor)).toEqual(['wps', 'parts_unlimited']);
    expect(started.body.plan.lines[0].why[0]).toContain('Western Power Sports is first in your distributor preference');
    expect(started.body.plan.lines[0].candidates.map((c: { distributor: string }) => c.distributor)).toEqual(['wps', 'parts_unlimited']);

    const detail = await eventually(async () => {
      const d = (await call('GET', `/v1/orders/${order.body.id}`)).body;
      // Placed = no longer pending (the first poll may already have moved it on to "accepted").
      return d.purchaseOrders.length === 2 && d.purchaseOrders.every((po: { status: string }) => po.status !== 'pending') ? d : undefined;
    }, 'both POs to be placed');
    const byDistributor = Object.fromEntries(detail.purchaseOrders.map((po: { distributor: string; poNumber: string }) => [po.distributor, po.poNumber]));
    expect(stack.wps.state.orders.filter((o) => o.po_number === byDistributor.wps)).toHaveLength(1);
    expect(stack.pu.state.orders.filter((o: { purchase_order_number: string }) => o.purchase_order_number === byDistributor.parts_unlimited)).toHaveLength(1);
  });

  it('swaps a line to Parts Unlimited, then confirms: the PO goes to Parts Unlimited only', async () => {
    const order = await call('POST', '/v1/orders', demoOrderBody('WEB-SWAP-1', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, {});
    expect(started.body.phase).toBe('awaiting_confirmation');
    const lineId = started.body.plan.lines[0].lineId;

    const refused = await call('POST', `/v1/dropships/${started.body.id}/swap-line`, { lineId, distributor: 'tucker_rocky' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('Tucker Rocky');

    const swap = await call('POST', `/v1/dropships/${started.body.id}/swap-line`, { lineId, distributor: 'parts_unlimited' });
    expect(swap.status).toBe(202);
    // The swap is in the plan once accepted.
    const swapped = await call('GET', swap.location);
    expect(swapped.body.plan.purchaseOrders.map((po: { distributor: string }) => po.distributor)).toEqual(['parts_unlimited']);
    expect(swapped.body.plan.lines[0].why).toEqual(['swapped by dealer']);

    const wpsOrdersBefore = stack.wps.state.orders.length;
    const confirmed = await call('POST', `/v1/dropships/${started.body.id}/confirm`, { acknowledged: true });
    expect(confirmed.status).toBe(202);
    const poNumber = await eventually(
      async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    expect(poNumber).toMatch(/-P$/);
    await eventually(
      async () => stack.pu.state.orders.find((o: { purchase_order_number: string }) => o.purchase_order_number === poNumber),
      'the Parts Unlimited order',
    );
    expect(stack.wps.state.orders.length).toBe(wpsOrdersBefore);
    const trail = (await call('GET', `/v1/orders/${order.body.id}`)).body.auditTrail.map((e: { type: string }) => e.type);
    expect(trail).toEqual(expect.arrayContaining(['dropship.routed', 'dropship.rerouted', 'dropship.submitting']));
    await recordHistory(stack.client, started.body.workflowId, 'dropship-swapped-then-confirmed');
  });

  it('checks WPS stock live before sending: stale stock stops the PO and the dealer sees the alternatives', async () => {
    const { dealerId, db } = stack;
    await putCatalogItems(db, dealerId, [
      { distributor: 'wps', distributorSku: '56-4410', dealerSku: 'TIRE-REAR', costCents: 9000 },
      { distributor: 'parts_unlimited', distributorSku: '2110-0001', dealerSku: 'TIRE-REAR', costCents: 9500 },
    ]);
    // Yesterday's feed said WPS had five; the live answer says none.
    await putStock(db, [
      { distributor: 'wps', distributorSku: '56-4410', warehouseCode: 'ID', quantity: 5 },
      { distributor: 'parts_unlimited', distributorSku: '2110-0001', warehouseCode: 'WI', quantity: 5 },
    ]);
    const order = await call('POST', '/v1/orders', demoOrderBody('WEB-STALE-1', [{ sku: 'TIRE-REAR', quantity: 1, unitPrice: 149.95 }]));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    expect(started.body.plan.purchaseOrders.map((po: { distributor: string }) => po.distributor)).toEqual(['wps']);
    const poNumber = await eventually(
      async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    const po = await eventually(async () => {
      const body = (await call('GET', `/v1/purchase-orders/${poNumber}`)).body;
      return body.status === 'failed' ? body : undefined;
    }, 'the PO to fail');
    expect(po.failureReason).toContain('Western Power Sports no longer has the stock');
    expect(po.failureReason).toContain('Alternatives: Parts Unlimited 2110-0001 for TIRE-REAR (5 in stock, $95.00)');
    expect(stack.wps.state.orders.filter((o) => o.po_number === poNumber)).toEqual([]);
    // The live answer is kept for every dealer: the warehouse it no longer lists holds none as of the check.
    const wpsStock = await db
      .select()
      .from(distributorStock)
      .where(and(eq(distributorStock.distributor, 'wps'), eq(distributorStock.distributorSku, '56-4410')));
    expect(wpsStock).toMatchObject([{ warehouseCode: 'ID', quantity: 0, source: 'live_check' }]);
    const exception = await eventually(async () => (await db.select().from(exceptions).where(eq(exceptions.poNumber, poNumber)))[0], 'the exception');
    expect(exception).toMatchObject({ kind: 'po_failed' });
  });
});
