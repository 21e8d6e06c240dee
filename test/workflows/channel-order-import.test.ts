import type { ScheduleHandle } from '@temporalio/client';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, channelOrderCursors, dealers, dropships, orders } from '../../db/schema/index.js';
import type { PolledMarketplace } from '../../marketplaces/profiles.js';
import { AMAZON_SANDBOX_CLIENT_ID, AMAZON_SANDBOX_CLIENT_SECRET, AMAZON_SANDBOX_REFRESH_TOKEN } from '../../marketplaces/amazon/sandbox/index.js';
import { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_REFRESH_TOKEN } from '../../marketplaces/ebay/sandbox/index.js';
import { saveChannelOrderSchedule } from '../../temporal/channel-order-schedule.js';
import type { ChannelOrderImportSummary } from '../../workflows/contracts/channel-order-import.js';
import { dealerApi } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { recordHistory } from '../helpers/histories.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Late orders are found by reading back this far before the cursor; nothing settles in the sandboxes. */
const TEST_POLLING = { everyMs: 365 * 24 * 3_600_000, overlapMs: 60_000, settleMs: 0 };

/**
 * eBay and Amazon orders polled on their Temporal Schedules by a worker in its own process, which
 * is killed in the middle of a poll and restarted between polls: every sandbox order is taken in
 * exactly once, changes on the marketplace reach the stored order, and an order the marketplace
 * showed late is still found inside the overlap. Pages hold two orders, so a poll reads several.
 */
describe('channelOrderImport across worker restarts', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  const schedules: ScheduleHandle[] = [];

  beforeAll(async () => {
    // Manual processing until the Amazon case turns auto-processing on to see polled orders start their drop-ships.
    stack = await startStack({ autoProcessing: false, externalWorker: true, ebaySandbox: { maxPageSize: 2 }, amazonSandbox: { maxPageSize: 2, settleMs: 0 } });
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => {
    await Promise.all(schedules.map((schedule) => schedule.delete()));
    await stack?.stop();
  });

  const post = async (url: string, body: unknown) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.ok, await response.clone().text()).toBe(true);
    return ((await response.json()) as { data: any }).data;
  };

  /** Connects the account through the API (which creates the schedule), then retimes the schedule for the test. */
  async function connect(channel: PolledMarketplace, account: object): Promise<ScheduleHandle> {
    expect((await api('PUT', `/v1/channel-accounts/${channel}`, account)).status).toBe(200);
    const created = stack.client.schedule.getHandle(`channel-orders:${stack.dealerId}:${channel}`);
    const { taskQueue } = (await created.describe()).action as { taskQueue: string };
    const schedule = await saveChannelOrderSchedule(stack.client, taskQueue, { dealerId: stack.dealerId, channel }, TEST_POLLING);
    schedules.push(schedule);
    return schedule;
  }

  /** Triggers one poll and waits for it to finish. */
  async function poll(schedule: ScheduleHandle, duringPoll?: () => Promise<void>): Promise<{ workflowId: string; summary: ChannelOrderImportSummary }> {
    const before = (await schedule.describe()).info.recentActions.length;
    await schedule.trigger();
    const workflowId = await eventually(
      async () => (await schedule.describe()).info.recentActions[before]?.action.workflow.workflowId,
      'the schedule to start the poll',
    );
    await duringPoll?.();
    const summary: ChannelOrderImportSummary = await stack.client.workflow.getHandle(workflowId).result();
    return { workflowId, summary };
  }

  const cursor = async (channel: PolledMarketplace) =>
    (
      await stack.db
        .select()
        .from(channelOrderCursors)
        .where(and(eq(channelOrderCursors.dealerId, stack.dealerId), eq(channelOrderCursors.channel, channel)))
    )[0]!;

  /** Every stored order of the channel, by channel order id, with its status. */
  async function stored(channel: PolledMarketplace): Promise<Record<string, string>> {
    const rows = await stack.db
      .select({ channelOrderId: orders.channelOrderId, status: orders.status })
      .from(orders)
      .where(and(eq(orders.dealerId, stack.dealerId), eq(orders.channel, channel)))
      .orderBy(asc(orders.channelOrderId));
    expect(new Set(rows.map((row) => row.channelOrderId)).size).toBe(rows.length);
    return Object.fromEntries(rows.map((row) => [row.channelOrderId, row.status]));
  }

  async function takenInEvents(channel: PolledMarketplace): Promise<number> {
    const events = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'order.taken_in'), eq(auditEvents.actorId, channel)));
    return events.length;
  }

  it('eBay: a poll killed mid-read resumes at its next page, and later polls take in changed and late orders once', { timeout: 180_000 }, async () => {
    const ebay = `${stack.ebayUrl}/_control`;
    const schedule = await connect('ebay', {
      credentials: { clientId: EBAY_SANDBOX_CLIENT_ID, clientSecret: EBAY_SANDBOX_CLIENT_SECRET, refreshToken: EBAY_SANDBOX_REFRESH_TOKEN },
    });
    const line = (sku: string, price = '129.95') => ({ quantity: 1, sku, price });
    await post(`${ebay}/orders`, { orderId: '27-10000-00001', lineItems: [line('HELMET-MX-M')] });
    await post(`${ebay}/orders`, { orderId: '27-10000-00002', lineItems: [line('OIL-FILTER-204', '12.95')], cancelled: true });
    await post(`${ebay}/orders`, { orderId: '27-10000-00003', lineItems: [line('HELMET-MX-M'), line('OIL-FILTER-204', '12.95')] });

    // The second page is read and its answer held back while the worker is killed: the first
    // page's orders are committed, the window is not.
    await post(`${ebay}/faults`, { holdResponseOnce: { method: 'GET', pathPrefix: '/sell/fulfillment/v1/order', query: { offset: '2' }, ms: 30_000 } });
    let worker = await stack.spawnWorker();
    const first = await poll(schedule, async () => {
      await eventually(async () => (await cursor('ebay')).nextPage, 'the first page to be committed');
      expect(Object.keys(await stored('ebay'))).toHaveLength(2);
      await eventually(async () => stack.ebay.state.faults.holdResponseOnce === null, 'the second page to be read');
      await worker.kill();
      worker = await stack.spawnWorker();
    });
    // The attempt that finished read only the page the killed one had not committed.
    expect(first.summary).toMatchObject({ pages: 1, created: 1, unchanged: 0 });
    expect(await stored('ebay')).toEqual({ '27-10000-00001': 'open', '27-10000-00002': 'cancelled', '27-10000-00003': 'open' });
    expect(await cursor('ebay')).toMatchObject({ windowEnd: null, nextPage: null, modifiedThrough: new Date(first.summary.window.to) });
    await recordHistory(stack.client, first.workflowId, 'channel-order-import-resumed');

    // Between polls the worker restarts, the buyer cancels order 1, eBay shows an order from before
    // the cursor only now, and a new order arrives.
    await worker.stop();
    await post(`${ebay}/orders/27-10000-00001`, { cancelled: true });
    const late = new Date(new Date(first.summary.window.to).getTime() - 20_000).toISOString();
    await post(`${ebay}/orders`, { orderId: '27-10000-00004', lineItems: [line('HELMET-MX-M')], lastModifiedDate: late });
    await post(`${ebay}/orders`, { orderId: '27-10000-00005', lineItems: [line('OIL-FILTER-204', '12.95')], orderPaymentStatus: 'PENDING' });
    worker = await stack.spawnWorker();
    try {
      const second = await poll(schedule);
      expect(second.summary).toMatchObject({ created: 2, updated: 1 });
      expect(await stored('ebay')).toEqual({
        '27-10000-00001': 'cancelled',
        '27-10000-00002': 'cancelled',
        '27-10000-00003': 'open',
        '27-10000-00004': 'open',
        '27-10000-00005': 'awaiting_payment',
      });

      // Nothing changed since: the overlap reads recent orders again and stores nothing new.
      const third = await poll(schedule);
      expect(third.summary).toMatchObject({ created: 0, updated: 0 });
      expect(Object.keys(await stored('ebay'))).toHaveLength(5);
      expect(await takenInEvents('ebay')).toBe(5);
    } finally {
      await worker.stop();
    }
  });

  /** The drop-ships of each stored order of the channel, as [mode, sequence]. */
  async function dropshipsByOrder(channel: PolledMarketplace): Promise<Record<string, Array<[string, number]>>> {
    const rows = await stack.db
      .select({ channelOrderId: orders.channelOrderId, mode: dropships.mode, sequence: dropships.sequence })
      .from(orders)
      .leftJoin(dropships, eq(dropships.orderId, orders.id))
      .where(and(eq(orders.dealerId, stack.dealerId), eq(orders.channel, channel)));
    const byOrder: Record<string, Array<[string, number]>> = {};
    for (const row of rows) {
      byOrder[row.channelOrderId] ??= [];
      if (row.mode) byOrder[row.channelOrderId]!.push([row.mode, row.sequence!]);
    }
    return byOrder;
  }

  it(
    'Amazon (searchOrders): a poll killed mid-read whose pagination token expired reads its window again; recipient and buyer come without any Restricted Data Token; a throttled poll backs off and finishes; payment and late orders are taken in once, and each open one drop-shipped once (auto-processing)',
    { timeout: 180_000 },
    async () => {
      await stack.db.update(dealers).set({ autoProcessing: true }).where(eq(dealers.id, stack.dealerId));
      const amazon = `${stack.amazonUrl}/_control`;
      const schedule = await connect('amazon', {
        sellerId: 'A2DROPLINE0001',
        credentials: { clientId: AMAZON_SANDBOX_CLIENT_ID, clientSecret: AMAZON_SANDBOX_CLIENT_SECRET, refreshToken: AMAZON_SANDBOX_REFRESH_TOKEN },
      });
      const item = (sellerSku: string, price = '129.95') => ({ quantityOrdered: 1, sellerSku, price });
      await post(`${amazon}/orders`, { orderId: '113-0000001-0000001', orderItems: [item('HELMET-MX-M')] });
      await post(`${amazon}/orders`, { orderId: '113-0000001-0000002', orderItems: [item('OIL-FILTER-204', '12.95')], status: 'Pending' });
      await post(`${amazon}/orders`, { orderId: '113-0000001-0000003', orderItems: [item('HELMET-MX-M')], status: 'Canceled' });

      // The third order is on the second page. Every searchOrders call is held five seconds, so the
      // worker dies while it waits for the second page, after the first is committed.
      await post(`${amazon}/faults`, { chaos: { seed: 13, rates: { slow: 1 }, slowMs: 5000 } });
      let worker = await stack.spawnWorker();
      const first = await poll(schedule, async () => {
        await eventually(async () => (await cursor('amazon')).nextPage, 'the first page to be committed');
        await worker.kill();
        // The saved pagination token no longer works: the restarted poll must read its window from the start.
        await post(`${amazon}/faults`, { chaos: null, expireNextTokensNow: true });
        worker = await stack.spawnWorker();
      });
      expect(first.summary).toMatchObject({ pages: 2, created: 1, unchanged: 2 });
      expect(await stored('amazon')).toEqual({ '113-0000001-0000001': 'open', '113-0000001-0000002': 'awaiting_payment', '113-0000001-0000003': 'cancelled' });
      const pending = (await stack.db.select().from(orders).where(eq(orders.channelOrderId, '113-0000001-0000002')))[0]!;
      expect(pending.shipTo).toMatchObject({ name: '', line1: '' });
      // A paid order arrives whole, with no Restricted Data Token: intake never calls Orders v0 or the Tokens API.
      const paidAtOnce = (await stack.db.select().from(orders).where(eq(orders.channelOrderId, '113-0000001-0000001')))[0]!;
      expect(paidAtOnce.shipTo).toMatchObject({ name: 'Robin Rider', line1: '400 Canyon Way', city: 'Reno', region: 'NV', postalCode: '89501', country: 'US' });
      expect(paidAtOnce).toMatchObject({ buyerName: 'Robin Rider', buyerEmail: 'robin@marketplace.amazon.com' });
      const readPaths = new Set(stack.amazon.state.requests.filter((r) => r.method === 'GET').map((r) => r.path));
      expect([...readPaths]).toEqual(['/orders/2026-01-01/orders']);

      await worker.stop();
      await post(`${amazon}/orders/113-0000001-0000002`, { status: 'Unshipped' });
      const late = new Date(new Date(first.summary.window.to).getTime() - 20_000).toISOString();
      await post(`${amazon}/orders`, { orderId: '113-0000001-0000004', orderItems: [item('OIL-FILTER-204', '12.95')], lastUpdatedTime: late });
      // Amazon throttles the next poll's first call: the poll waits and tries again instead of failing.
      await post(`${amazon}/faults`, { rateLimitNext: 1, retryAfterSeconds: 1 });
      worker = await stack.spawnWorker();
      try {
        const second = await poll(schedule);
        expect(stack.amazon.state.faults.rateLimitNext).toBe(0);
        expect(second.summary).toMatchObject({ created: 1, updated: 1 });
        expect(await stored('amazon')).toEqual({
          '113-0000001-0000001': 'open',
          '113-0000001-0000002': 'open',
          '113-0000001-0000003': 'cancelled',
          '113-0000001-0000004': 'open',
        });
        // The payment brought the address Amazon withheld while the order was pending.
        const paid = (await stack.db.select().from(orders).where(eq(orders.channelOrderId, '113-0000001-0000002')))[0]!;
        expect(paid.shipTo).toMatchObject({ name: 'Robin Rider', line1: '400 Canyon Way', city: 'Reno', region: 'NV', postalCode: '89501', country: 'US' });
        expect(await takenInEvents('amazon')).toBe(4);
        const order = await api('GET', `/v1/orders/${paid.id}`);
        expect(order.body.lines).toEqual([expect.objectContaining({ dealerSku: 'OIL-FILTER-204', quantity: 1, unitPriceCents: 1295 })]);
        // The drop-ship started on payment writes its own lines after these two.
        expect(order.body.auditTrail.map((e: any) => e.summary).slice(0, 2)).toEqual([
          'Order 113-0000001-0000002 taken in from Amazon: it is not paid yet, so nothing is drop-shipped until it is',
          'Amazon reports order 113-0000001-0000002 paid: it can be drop-shipped now',
        ]);

        // Every open order got exactly one drop-ship, across the killed poll and the re-reads; the
        // cancelled one none. Polling again starts nothing more.
        const third = await poll(schedule);
        expect(third.summary).toMatchObject({ created: 0, updated: 0, autoDropships: 0 });
        expect(await dropshipsByOrder('amazon')).toEqual({
          '113-0000001-0000001': [['auto', 1]],
          '113-0000001-0000002': [['auto', 1]],
          '113-0000001-0000003': [],
          '113-0000001-0000004': [['auto', 1]],
        });
        const workflowIds = (await stack.db.select({ workflowId: dropships.workflowId }).from(dropships).where(eq(dropships.dealerId, stack.dealerId))).map(
          (d) => d.workflowId,
        );
        for (const workflowId of workflowIds) {
          expect((await stack.client.workflow.getHandle(workflowId).describe()).type).toBe('dropship');
        }
      } finally {
        await worker.stop();
      }
    },
  );
});
