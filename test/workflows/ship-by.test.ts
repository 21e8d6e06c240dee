import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, exceptions, orders, purchaseOrders } from '../../db/schema/index.js';
import { SHIP_BY_WARNING_MS } from '../../domain/ship-by.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { recordHistory } from '../helpers/histories.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The ship-by watch on the real stack: the order's deadline travels from the order row through the
 * drop-ship into the PO workflow, whose durable timer opens the exception in the inbox a day before
 * the deadline and closes it when the PO ships. The deadline is set a day and a few seconds ahead.
 */
describe('a PO not shipped a day before its order’s ship-by date', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false, pollIntervalMs: 300 });
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const shipByExceptions = (poNumber: string) =>
    stack.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.poNumber, poNumber), eq(exceptions.kind, 'ship_by_at_risk')));

  it('opens one ship_by_at_risk exception naming the PO, distributor and deadline, which closes itself when the PO ships', async () => {
    const order = await api('POST', '/v1/orders', demoOrderBody('WEB-SHIP-BY-1', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]));
    expect(order.status).toBe(201);
    // Due in a day and four seconds: the warning is four seconds away.
    const shipBy = new Date(Date.now() + SHIP_BY_WARNING_MS + 4000);
    await stack.db.update(orders).set({ shipBy }).where(eq(orders.id, order.body.id));
    const started = await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    expect(started.status).toBe(201);
    const [po] = await eventually(async () => {
      const pos = await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.orderId, order.body.id));
      return pos.length ? pos : undefined;
    }, 'the PO');
    const poNumber = po!.poNumber;
    await eventually(
      async () => ((await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, poNumber)))[0]?.status === 'accepted' ? true : undefined),
      'the PO to be accepted',
    );
    // Not before its time.
    expect(await shipByExceptions(poNumber)).toHaveLength(0);

    const [opened] = await eventually(async () => {
      const rows = await shipByExceptions(poNumber);
      return rows.length ? rows : undefined;
    }, 'the ship-by exception');
    expect(Date.now()).toBeGreaterThanOrEqual(shipBy.getTime() - SHIP_BY_WARNING_MS);
    expect(opened).toMatchObject({ status: 'open', orderId: order.body.id, poNumber });
    expect(opened!.message).toContain(`PO ${poNumber} with Western Power Sports has not shipped, and its order must ship by ${shipBy.toUTCString()}`);
    const inbox = await api('GET', '/v1/exceptions');
    expect(inbox.body.exceptions.filter((e: { kind: string; poNumber: string }) => e.kind === 'ship_by_at_risk' && e.poNumber === poNumber)).toHaveLength(1);

    await fetch(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const [closed] = await eventually(async () => {
      const rows = await shipByExceptions(poNumber);
      return rows[0]?.status === 'resolved' ? rows : undefined;
    }, 'the exception to close itself');
    expect(closed).toMatchObject({ id: opened!.id, resolvedBy: 'system' });
    const trail = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.poNumber, poNumber), eq(auditEvents.type, 'exception.resolved')));
    expect(trail.map((e) => e.summary)).toEqual([expect.stringContaining('Exception closed by itself (the PO shipped)')]);

    const workflowId = `po:${stack.dealerId}:${poNumber}`;
    await stack.client.workflow.getHandle(workflowId).result();
    await recordHistory(stack.client, workflowId, 'po-ship-by-at-risk-then-shipped');
  });
});
