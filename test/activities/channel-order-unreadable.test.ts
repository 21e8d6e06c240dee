import { MockActivityEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelOrderActivities } from '../../activities/channel-orders.js';
import { auditEvents, channelOrderCursors, orders } from '../../db/schema/index.js';
import { createEbayOrderSource } from '../../marketplaces/ebay/orders.js';
import { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_REFRESH_TOKEN } from '../../marketplaces/ebay/sandbox/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * sell_fulfillment_v1 marks no field of an eBay order required: an order on a getOrders page in a
 * shape intake cannot read is left out and put in the dealer's audit trail, while the rest of the
 * page is taken in and the cursor moves on. Before, the whole page was refused and retried forever.
 */
describe('eBay poll: an order that cannot be read', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ externalWorker: true, ebaySandbox: { maxPageSize: 2 } });
  });
  afterAll(async () => stack?.stop());

  const control = async (path: string, body: unknown) => {
    const response = await fetch(`${stack.ebayUrl}/_control${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.ok, await response.clone().text()).toBe(true);
  };

  const activities = () =>
    channelOrderActivities({
      db: stack.db,
      channelOrderSource: async () =>
        createEbayOrderSource({
          baseUrl: stack.ebayUrl,
          clientId: EBAY_SANDBOX_CLIENT_ID,
          clientSecret: EBAY_SANDBOX_CLIENT_SECRET,
          refreshToken: EBAY_SANDBOX_REFRESH_TOKEN,
        }),
      startAutoDropship: async () => true,
      cancelOrderWork: async () => {},
    });
  const poll = () =>
    new MockActivityEnvironment().run(() => activities().importChannelOrders({ dealerId: stack.dealerId, channel: 'ebay', overlapMs: 0, settleMs: 0 }));

  it('takes in the rest of the page, records the odd order with its id, and moves the cursor', async () => {
    const startedAt = new Date(Date.now() - 60_000);
    await stack.db.insert(channelOrderCursors).values({ dealerId: stack.dealerId, channel: 'ebay', modifiedThrough: startedAt });
    const line = { quantity: 1, sku: 'HELMET-MX-M', price: '129.95' };
    await control('/orders', { orderId: '27-30000-00001', lineItems: [line] });
    // An odd quantity: not an order intake can ship.
    await control('/orders', { orderId: '27-30000-00002', lineItems: [line], served: { replace: { 'lineItems.0.quantity': 'two' } } });
    // Statuses and the creation date left out: taken in with what can be read, as not paid.
    await control('/orders', {
      orderId: '27-30000-00003',
      lineItems: [line],
      served: { omit: ['orderPaymentStatus', 'orderFulfillmentStatus', 'creationDate'] },
    });
    // No id at all.
    await control('/orders', { orderId: '27-30000-00004', lineItems: [line], served: { omit: ['orderId'] } });

    const summary = await poll();
    expect(summary).toMatchObject({ pages: 2, created: 2, unreadable: 2 });

    const stored = await stack.db
      .select({ channelOrderId: orders.channelOrderId, status: orders.status })
      .from(orders)
      .where(and(eq(orders.dealerId, stack.dealerId), eq(orders.channel, 'ebay')));
    expect(Object.fromEntries(stored.map((o) => [o.channelOrderId, o.status]))).toEqual({ '27-30000-00001': 'open', '27-30000-00003': 'awaiting_payment' });
    const [cursor] = await stack.db.select().from(channelOrderCursors).where(eq(channelOrderCursors.dealerId, stack.dealerId));
    expect(cursor!.modifiedThrough.getTime()).toBeGreaterThan(startedAt.getTime());
    expect(cursor!.nextPage).toBeNull();

    const unreadable = async () =>
      (
        await stack.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'order.unreadable')))
      ).map((e) => e.summary);
    expect((await unreadable()).sort()).toEqual([
      'eBay order 27-30000-00002 could not be read, so it was not taken in: lineItems.0.quantity: Invalid input: expected number, received string',
      'eBay order without an id could not be read, so it was not taken in: orderId: Invalid input: expected string, received undefined',
    ]);

    // Read again by an overlapping poll, the same problem is not recorded twice.
    await stack.db.update(channelOrderCursors).set({ modifiedThrough: startedAt }).where(eq(channelOrderCursors.dealerId, stack.dealerId));
    expect(await poll()).toMatchObject({ created: 0, unchanged: 2, unreadable: 2 });
    expect(await unreadable()).toHaveLength(2);
  });
});
