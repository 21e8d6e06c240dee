import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInChannelOrder } from '../../db/repositories/channel-orders.js';
import { openDropship } from '../../db/repositories/dropships.js';
import { listOrders } from '../../db/repositories/orders.js';
import { auditEvents, exceptions, orders } from '../../db/schema/index.js';
import type { ChannelOrder } from '../../domain/channel-orders.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** What intake does with a marketplace's later news of an order, against real Postgres. */
describe('channel order intake: news after the drop-ship started', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ externalWorker: true });
  });
  afterAll(async () => stack?.stop());

  const ebayOrder = (channelOrderId: string, change: Partial<ChannelOrder> = {}): ChannelOrder => ({
    channel: 'ebay',
    channelOrderId,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    buyer: { name: 'Rae Dunes', email: 'rae.dunes@example.com' },
    shipTo: { name: 'Rae Dunes', line1: '77 Sand Hollow', city: 'Boise', region: 'ID', postalCode: '83706', country: 'US' },
    shippingRateName: 'Standard Shipping',
    lines: [{ sku: 'HELMET-MX-M', quantity: 1, unitPriceCents: 12995, channelLineId: 'L1' }],
    fulfilment: 'open',
    paid: true,
    ...change,
  });

  it('cancels the order in Dropline too and tells the dealer when the buyer cancels after the drop-ship started', async () => {
    const taken = await takeInChannelOrder(stack.db, stack.dealerId, ebayOrder('27-55555-00001'));
    if (taken.outcome.outcome !== 'created') throw new Error(`not taken in: ${taken.outcome.outcome}`);
    const { orderId } = taken.outcome;
    await openDropship(stack.db, stack.dealerId, orderId, 'manual');
    const news = await takeInChannelOrder(
      stack.db,
      stack.dealerId,
      ebayOrder('27-55555-00001', { fulfilment: 'cancelled', updatedAt: '2026-12-01T11:00:00.000Z' }),
    );
    expect(news.outcome).toEqual({ outcome: 'dealer_told', orderId });
    const [exception] = await stack.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.orderId, orderId), eq(exceptions.kind, 'order_cancelled_on_channel')));
    expect(exception).toMatchObject({ status: 'open' });
    // Cancelled in Dropline too, so nothing more is ordered for it; its POs are asked to cancel (po-cancellation.test.ts).
    const [order] = await stack.db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
    expect(order!.status).toBe('cancelled');
    const trail = await stack.db.select({ type: auditEvents.type }).from(auditEvents).where(eq(auditEvents.orderId, orderId));
    expect(trail.map((e) => e.type)).toContain('order.cancelled_on_channel');
    // And the order list's "needs resolution" filter finds it by that open exception.
    const needing = await listOrders(stack.db, stack.dealerId, { needsResolution: true, limit: 50 });
    expect(needing.map((o) => o.id)).toContain(orderId);
  });

  it('stores the channel’s ship-by date, or the dealer’s handling time for a Shopify order, and follows a later date from the channel', async () => {
    const shipByOf = async (orderId: string) => (await stack.db.select({ shipBy: orders.shipBy }).from(orders).where(eq(orders.id, orderId)))[0]!.shipBy;
    const ebay = await takeInChannelOrder(stack.db, stack.dealerId, ebayOrder('27-55555-00002', { paid: false, shipBy: '2026-12-03T07:59:59.000Z' }));
    if (ebay.outcome.outcome !== 'created') throw new Error(`not taken in: ${ebay.outcome.outcome}`);
    expect(await shipByOf(ebay.outcome.orderId)).toEqual(new Date('2026-12-03T07:59:59.000Z'));
    // Paid later, with a new date: the channel's latest word stands.
    await takeInChannelOrder(
      stack.db,
      stack.dealerId,
      ebayOrder('27-55555-00002', { updatedAt: '2026-12-01T12:00:00.000Z', shipBy: '2026-12-04T07:59:59.000Z' }),
    );
    expect(await shipByOf(ebay.outcome.orderId)).toEqual(new Date('2026-12-04T07:59:59.000Z'));

    // Shopify gives none: placed Tuesday 1 December 10:00 UTC (04:00 in Chicago), two business days end Thursday at midnight in Chicago.
    const shopify = await takeInChannelOrder(stack.db, stack.dealerId, ebayOrder('gid://shopify/Order/55555', { channel: 'shopify' }));
    if (shopify.outcome.outcome !== 'created') throw new Error(`not taken in: ${shopify.outcome.outcome}`);
    expect(await shipByOf(shopify.outcome.orderId)).toEqual(new Date('2026-12-04T06:00:00.000Z'));
  });
});
