import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putStock } from '../../db/repositories/catalog-upsert.js';
import { auditEvents, exceptions } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * A line no distributor carries is fixed by linking its SKU in the catalog, and the drop-ship routes
 * again without the order being cancelled or entered again: through the real workflow, Temporal
 * server, Postgres and the WPS sandbox, up to the PO placed.
 */
describe('routing a drop-ship again after a SKU link', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false });
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const placedPo = (orderId: string) =>
    eventually(async () => {
      const order = await api('GET', `/v1/orders/${orderId}`);
      const po = order.body.purchaseOrders[0];
      return po && !['pending'].includes(po.status) ? po : null;
    }, 'the PO to be submitted to WPS');

  it('follows a drop-ship that ended unroutable with one that routes the linked SKU, and places its PO', async () => {
    const order = await api('POST', '/v1/orders', demoOrderBody('WEB-LINK-1', [{ sku: 'RIDGE-HELMET-M', quantity: 1, unitPrice: 139 }]));
    const stuck = await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'manual' });
    expect(stuck.body).toMatchObject({ phase: 'needs_resolution', plan: { lines: [{ reasons: [{ code: 'not_carried' }] }] } });

    const link = await api('PUT', '/v1/catalog/links', { dealerSku: 'RIDGE-HELMET-M', distributor: 'wps', distributorSku: '87-9934' });
    expect(link.status).toBe(201);
    const routed = await api('POST', `/v1/dropships/${stuck.body.id}/route-again`);
    expect(routed.status).toBe(201);
    expect(routed.body.id).not.toBe(stuck.body.id);
    expect(routed.body).toMatchObject({
      phase: 'awaiting_confirmation',
      plan: { purchaseOrders: [{ distributor: 'wps', lines: [{ dealerSku: 'RIDGE-HELMET-M', distributorSku: '87-9934', quantity: 1 }] }] },
    });
    // The drop-ship it followed is over: routing it again once more is refused, pointing at the new one.
    const stale = await api('POST', `/v1/dropships/${stuck.body.id}/route-again`);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe('A later drop-ship of this order took its place; route that one again instead');

    const confirmed = await api('POST', `/v1/dropships/${routed.body.id}/confirm`, { acknowledged: true });
    expect(confirmed.status).toBe(202);
    const po = await placedPo(order.body.id);
    expect(po).toMatchObject({ distributor: 'wps', lines: [expect.objectContaining({ distributorSku: '87-9934', quantity: 1 })] });
    const open = await stack.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.orderId, order.body.id), eq(exceptions.kind, 'needs_resolution'), eq(exceptions.status, 'open')));
    expect(open).toEqual([]);
  });

  it('routes a drop-ship waiting for confirmation again, adding the linked line to its proposal, and places both lines', async () => {
    const order = await api(
      'POST',
      '/v1/orders',
      demoOrderBody('WEB-LINK-2', [
        { sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 },
        { sku: 'RIDGE-FILTER', quantity: 2, unitPrice: 14.95 },
      ]),
    );
    const waiting = await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'manual' });
    expect(waiting.body.phase).toBe('awaiting_confirmation');
    expect(waiting.body.plan.lines.map((l: any) => l.status)).toEqual(['routed', 'needs_resolution']);

    await api('PUT', '/v1/catalog/links', { dealerSku: 'RIDGE-FILTER', distributor: 'wps', distributorSku: '26-1105' });
    const again = await api('POST', `/v1/dropships/${waiting.body.id}/route-again`);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(waiting.body.id);
    expect(again.body.plan.lines.map((l: any) => l.status)).toEqual(['routed', 'routed']);
    expect(again.body.plan.purchaseOrders).toMatchObject([
      { distributor: 'wps', lines: [{ dealerSku: 'HELMET-MX-M' }, { dealerSku: 'RIDGE-FILTER', distributorSku: '26-1105', quantity: 2 }] },
    ]);
    const trail = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orderId, order.body.id), eq(auditEvents.type, 'dropship.rerouted')));
    expect(trail.map((e) => [e.actorId, e.summary])).toEqual([
      ['alex@ridgeline.example', 'Routed again by the dealer: 2 of 2 line(s) routed to Western Power Sports'],
    ]);

    expect((await api('POST', `/v1/dropships/${waiting.body.id}/confirm`, { acknowledged: true })).status).toBe(202);
    const po = await placedPo(order.body.id);
    expect(po.lines.map((l: any) => l.distributorSku)).toEqual(['87-9934', '26-1105']);

    // Once confirmed, the drop-ship is no longer the dealer's to route.
    const late = await api('POST', `/v1/dropships/${waiting.body.id}/route-again`);
    expect(late.status).toBe(409);
  });

  it('leaves the line still unroutable in the inbox when routing again resolves another', async () => {
    const order = await api(
      'POST',
      '/v1/orders',
      demoOrderBody('WEB-LINK-4', [
        { sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 },
        { sku: 'RIDGE-GRIPS', quantity: 1, unitPrice: 19.95 },
        { sku: 'RIDGE-CHAIN', quantity: 1, unitPrice: 59.95 },
      ]),
    );
    const waiting = await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'manual' });
    expect(waiting.body.plan.lines.map((l: any) => l.status)).toEqual(['routed', 'needs_resolution', 'needs_resolution']);
    await api('PUT', '/v1/catalog/links', { dealerSku: 'RIDGE-GRIPS', distributor: 'wps', distributorSku: '26-1105' });
    const again = await api('POST', `/v1/dropships/${waiting.body.id}/route-again`);
    expect(again.body.plan.lines.map((l: any) => l.status)).toEqual(['routed', 'routed', 'needs_resolution']);
    const open = await stack.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.orderId, order.body.id), eq(exceptions.kind, 'needs_resolution'), eq(exceptions.status, 'open')));
    expect(open.map((e) => e.message)).toEqual(['RIDGE-CHAIN: No distributor in your catalog carries SKU RIDGE-CHAIN']);
    await api('POST', `/v1/dropships/${waiting.body.id}/cancel`, {});
  });

  it('keeps the proposal and says why when routing again finds nothing to order', async () => {
    const order = await api('POST', '/v1/orders', demoOrderBody('WEB-LINK-3', [{ sku: 'BRAKE-PADS-FA', quantity: 1, unitPrice: 49 }]));
    await putStock(stack.db, [{ distributor: 'wps', distributorSku: '12-0127', warehouseCode: 'ID', quantity: 2 }]);
    const waiting = await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'manual' });
    expect(waiting.body.phase).toBe('awaiting_confirmation');

    await putStock(stack.db, [{ distributor: 'wps', distributorSku: '12-0127', warehouseCode: 'ID', quantity: 0 }]);
    const refused = await api('POST', `/v1/dropships/${waiting.body.id}/route-again`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('Routed again, still no line can be drop-shipped; the proposed purchase orders stay as they were');
    expect(refused.body.error.details.problems).toEqual([expect.stringMatching(/^BRAKE-PADS-FA: /)]);
    const state = await api('GET', `/v1/dropships/${waiting.body.id}`);
    expect(state.body).toMatchObject({ phase: 'awaiting_confirmation', plan: { purchaseOrders: [{ distributor: 'wps' }] } });
    await api('POST', `/v1/dropships/${waiting.body.id}/cancel`, {});
  });
});
