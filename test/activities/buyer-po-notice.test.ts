import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuyerPoNotice } from '../../activities/notifications.js';
import { demoOrder } from '../../db/demo-data.js';
import { createOrder, findOrder } from '../../db/repositories/orders.js';
import { auditEvents, deliveries, poLines, purchaseOrders } from '../../db/schema/index.js';
import { dealerApi } from '../helpers/api.js';
import { storeWpsPurchaseOrder } from '../helpers/purchase-orders.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The buyer's notice of a backorder or cancellation, against real Postgres and the Resend sandbox:
 * only when the dealer turned it on, and once per event however often the activity is retried.
 */
describe('buyer notice of a backordered or cancelled PO line', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  beforeAll(async () => {
    stack = await startStack({ externalWorker: true });
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  /** A website order (helmet ×1, oil filters ×2) placed with WPS as one PO. */
  async function placedOrder() {
    const name = `N-${randomUUID().slice(0, 8)}`;
    const { id: orderId } = await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'website', ...demoOrder(name) });
    const [helmet, filters] = (await findOrder(stack.db, stack.dealerId, orderId))!.lines;
    const poNumber = `${name}-W`;
    await storeWpsPurchaseOrder(stack.db, {
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      lines: [
        { lineId: helmet!.id, dealerSku: helmet!.dealerSku, distributorSku: '87-9934', quantity: 1 },
        { lineId: filters!.id, dealerSku: filters!.dealerSku, distributorSku: '26-1105', quantity: 2 },
      ],
    });
    return { orderId, poNumber, name };
  }

  const emailsAbout = (orderRef: string) => stack.resend.state.emails.filter((e) => e.subject.startsWith(`Your order ${orderRef}:`));
  const loseNextResponse = () =>
    fetch(`${stack.resendUrl}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loseResponseOnce: true }),
    });

  it('sends nothing while the dealer has it off, which is the default', async () => {
    expect((await api('GET', '/v1/settings')).body.notifyBuyerOfPoChanges).toBe(false);
    const { orderId, poNumber, name } = await placedOrder();
    const notice: BuyerPoNotice = {
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      event: 'backordered',
      lines: [{ distributorSku: '26-1105', quantity: 2 }],
      key: `off:${poNumber}`,
    };
    expect(await stack.activities.emailBuyerPoNotice(notice)).toEqual({ sent: false });
    expect(emailsAbout(name)).toEqual([]);
    expect(
      await stack.db
        .select()
        .from(deliveries)
        .where(eq(deliveries.key, `po-notice/${stack.dealerId}/off:${poNumber}`)),
    ).toEqual([]);
  });

  it('tells the buyer once what was cancelled and what still ships, though the first attempt lost its answer and the activity ran three times', async () => {
    const saved = await api('PATCH', '/v1/settings', { notifyBuyerOfPoChanges: true });
    expect(saved.body.notifyBuyerOfPoChanges).toBe(true);
    const { orderId, poNumber, name } = await placedOrder();
    // WPS cancelled one of the two oil filters, recorded before the buyer is told.
    const [po] = await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, poNumber));
    await stack.db
      .update(poLines)
      .set({ cancelledQty: 1 })
      .where(and(eq(poLines.poId, po!.id), eq(poLines.distributorSku, '26-1105')));
    const notice: BuyerPoNotice = {
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      event: 'cancelled',
      lines: [{ distributorSku: '26-1105', quantity: 1 }],
      key: `cancelled:${poNumber}:26-1105:1`,
    };

    await loseNextResponse();
    await expect(stack.activities.emailBuyerPoNotice(notice)).rejects.toThrow();
    expect(await stack.activities.emailBuyerPoNotice(notice)).toEqual({ sent: true });
    expect(await stack.activities.emailBuyerPoNotice(notice)).toEqual({ sent: true });

    const sent = emailsAbout(name);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: ['jane.rider@example.com'], subject: `Your order ${name}: part of it was cancelled` });
    expect(sent[0]!.text).toContain('could not be supplied and has been cancelled:\n  - 1 × Oil filter HF204\n');
    expect(sent[0]!.text).toContain('The rest of your order is still on its way:\n  - 1 × MX helmet, medium\n  - 1 × Oil filter HF204\n');
    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.type, 'email.buyer_po_cancelled')));
    expect(audit.map((e) => e.summary)).toEqual([`Buyer emailed that PO ${poNumber} has 1 × 26-1105 cancelled`]);
  });

  it('names backordered parts as late, not as still shipping, and sends a new event under its own key', async () => {
    const { orderId, poNumber, name } = await placedOrder();
    const notice = (key: string): BuyerPoNotice => ({
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      event: 'backordered',
      lines: [{ distributorSku: '87-9934', quantity: 1 }],
      key,
    });
    await stack.activities.emailBuyerPoNotice(notice(`backordered:${poNumber}:87-9934`));
    await stack.activities.emailBuyerPoNotice(notice(`backordered:${poNumber}:87-9934`));
    const [sent] = emailsAbout(name);
    expect(emailsAbout(name)).toHaveLength(1);
    expect(sent!.subject).toBe(`Your order ${name}: part of it is backordered`);
    expect(sent!.text).toContain('will ship later than planned:\n  - 1 × MX helmet, medium\n');
    expect(sent!.text).toContain('still on its way:\n  - 2 × Oil filter HF204\n');
    expect(sent!.text).not.toMatch(/still on its way:[^]*MX helmet/);
  });
});
