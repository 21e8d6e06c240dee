import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInChannelOrder } from '../../db/repositories/channel-orders.js';
import { raiseException } from '../../db/repositories/exceptions.js';
import { auditEvents, dealers, dropships, exceptions } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The inbox on the real stack: one exception per cause however often the dealer tries again, and
 * exceptions that close by themselves, with a note and an audit line, once their cause is gone.
 */
describe('exception inbox: one per cause, closing by itself', () => {
  let stack: Stack;
  let call: ReturnType<typeof dealerApi>;
  let orderId: string;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false });
    call = dealerApi(stack.app, stack.apiKey);
    // No distributor lists this SKU: every drop-ship of the order ends waiting for the dealer.
    orderId = (await call('POST', '/v1/orders', demoOrderBody('WEB-INBOX-UNROUTABLE', [{ sku: 'MYSTERY-HELMET', quantity: 1, unitPrice: 129.95 }]))).body.id;
  });
  afterAll(async () => stack?.stop());

  const orderExceptions = (kind: 'needs_resolution' | 'confirmation_waiting' | 'distributor_account') =>
    stack.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.orderId, orderId), eq(exceptions.kind, kind)));

  /** Starts a drop-ship and waits until it has recorded where it stopped. */
  async function startDropship(expectedStatus: string) {
    const started = await call('POST', `/v1/orders/${orderId}/dropships`, {});
    expect(started.status).toBe(201);
    await eventually(async () => {
      const [row] = await stack.db.select({ status: dropships.status }).from(dropships).where(eq(dropships.id, started.body.id));
      return row?.status === expectedStatus ? true : undefined;
    }, `the drop-ship to be ${expectedStatus}`);
    return started.body as { id: string; workflowId: string };
  }

  it('keeps one open exception for an unroutable order tried three times', async () => {
    const attempts = [];
    for (let attempt = 0; attempt < 3; attempt += 1) attempts.push(await startDropship('needs_resolution'));
    expect(new Set(attempts.map((d) => d.id)).size).toBe(3);

    const raised = await orderExceptions('needs_resolution');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ status: 'open', message: expect.stringContaining('MYSTERY-HELMET') });
    const inbox = await call('GET', '/v1/exceptions?kind=needs_resolution');
    expect(inbox.body.exceptions).toHaveLength(1);
    expect(inbox.body.exceptions[0]).toMatchObject({ actions: ['resolve_lines'], order: { id: orderId } });
  });

  it('closes it with a note once the dealer maps the SKU and the next drop-ship routes every line; the confirmation reminder closes on confirmation', async () => {
    // The dealer maps the SKU to the WPS helmet, and wants a reminder a second after each proposal.
    await stack.db.execute(sql`update catalog_items set dealer_sku = 'MYSTERY-HELMET' where dealer_id = ${stack.dealerId} and distributor_sku = '87-9934'`);
    await stack.db.update(dealers).set({ confirmReminderSeconds: 1 }).where(eq(dealers.id, stack.dealerId));
    const dropship = await startDropship('awaiting_confirmation');

    const [lines] = await orderExceptions('needs_resolution');
    expect(lines).toMatchObject({ status: 'resolved', resolvedBy: 'system', resolution: 'every line of the order can be drop-shipped now' });
    const resolved = await call('GET', '/v1/exceptions?status=resolved');
    expect(resolved.body.exceptions[0]).toMatchObject({ id: lines!.id, closedByItself: true, resolution: 'every line of the order can be drop-shipped now' });

    const reminder = await eventually(async () => (await orderExceptions('confirmation_waiting'))[0], 'the confirmation reminder');
    expect(reminder.status).toBe('open');
    expect((await call('POST', `/v1/dropships/${dropship.id}/confirm`, { acknowledged: true })).status).toBe(202);
    await eventually(async () => ((await orderExceptions('confirmation_waiting'))[0]?.status === 'resolved' ? true : undefined), 'the reminder to close');
    expect((await orderExceptions('confirmation_waiting'))[0]).toMatchObject({ resolvedBy: 'system', resolution: 'the drop-ship was confirmed' });

    const trail = await stack.db
      .select({ summary: auditEvents.summary })
      .from(auditEvents)
      .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.type, 'exception.resolved')));
    expect(trail.map((e) => e.summary)).toEqual([
      expect.stringMatching(/^Exception closed by itself \(every line of the order can be drop-shipped now\): MYSTERY-HELMET: /),
      expect.stringMatching(/^Exception closed by itself \(the drop-ship was confirmed\): /),
    ]);
  });

  it('closes a distributor account exception once the dealer’s connection test passes', async () => {
    const poNumber = await eventually(
      async () => (await call('GET', `/v1/orders/${orderId}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the placed PO',
    );
    // As the PO workflow raises it when WPS refuses to answer about the PO.
    await raiseException(stack.db, {
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      kind: 'distributor_account',
      message: `WPS refuses to tell Dropline about PO ${poNumber}`,
      key: `distributor-account:${stack.dealerId}:${poNumber}:1`,
    });
    const other = await call('POST', '/v1/distributor-accounts/parts_unlimited/test-connection');
    expect(other.status).toBe(422);
    expect((await orderExceptions('distributor_account'))[0]!.status).toBe('open');

    const tested = await call('POST', '/v1/distributor-accounts/wps/test-connection');
    expect(tested.body).toMatchObject({ ok: true });
    expect((await orderExceptions('distributor_account'))[0]).toMatchObject({
      status: 'resolved',
      resolvedBy: 'system',
      resolution: 'the Western Power Sports connection test passed',
    });
  });

  it('closes the lines to resolve of an order the buyer cancels on its channel', async () => {
    const ebayOrder = (fulfilment: 'open' | 'cancelled', updatedAt: string) => ({
      channel: 'ebay' as const,
      channelOrderId: '27-13131-00001',
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt,
      buyer: { name: 'Rae Dunes', email: 'rae.dunes@example.com' },
      shipTo: { name: 'Rae Dunes', line1: '77 Sand Hollow', city: 'Boise', region: 'ID', postalCode: '83706', country: 'US' },
      shippingRateName: 'Standard Shipping',
      lines: [{ sku: 'NOT-CARRIED-13', quantity: 1, unitPriceCents: 4995, channelLineId: 'L1' }],
      fulfilment,
      paid: true,
    });
    const taken = await takeInChannelOrder(stack.db, stack.dealerId, ebayOrder('open', '2026-12-01T10:00:00.000Z'));
    if (taken.outcome.outcome !== 'created') throw new Error(`not taken in: ${taken.outcome.outcome}`);
    const ebayOrderId = taken.outcome.orderId;
    expect((await call('POST', `/v1/orders/${ebayOrderId}/dropships`, {})).body.phase).toBe('needs_resolution');
    const lines = () =>
      eventually(
        async () =>
          (
            await stack.db
              .select()
              .from(exceptions)
              .where(and(eq(exceptions.orderId, ebayOrderId), eq(exceptions.kind, 'needs_resolution')))
          )[0],
        'the lines to resolve',
      );
    expect((await lines()).status).toBe('open');

    await takeInChannelOrder(stack.db, stack.dealerId, ebayOrder('cancelled', '2026-12-01T11:00:00.000Z'));
    expect(await lines()).toMatchObject({ status: 'resolved', resolvedBy: 'system', resolution: 'the buyer cancelled the order on eBay' });
  });
});
