import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseException } from '../../db/repositories/exceptions.js';
import { createOrder } from '../../db/repositories/orders.js';
import { demoOrder } from '../../db/demo-data.js';
import { handlingDeadline } from '../../domain/ship-by.js';
import { orders } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The order list (filters, cursor pages) and the order and PO detail a dealer works from. */
describe('orders API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  /** Order ids by channel order id. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack();
    api = dealerApi(stack.app, stack.apiKey);
    // Five orders on known days: three from the website, an eBay one and an Amazon one.
    const days: Record<string, string> = {
      'WEB-1': '2026-11-01T10:00:00Z',
      'WEB-2': '2026-11-02T23:30:00Z',
      'EBAY-1': '2026-11-03T08:00:00Z',
      'WEB-3': '2026-11-04T12:00:00Z',
      'AMZ-1': '2026-11-05T09:00:00Z',
    };
    for (const [number, createdAt] of Object.entries(days)) {
      const channel = number.startsWith('EBAY') ? 'ebay' : number.startsWith('AMZ') ? 'amazon' : 'website';
      const { id } = await createOrder(stack.db, { dealerId: stack.dealerId, channel, ...demoOrder(number) });
      await stack.db
        .update(orders)
        .set({ createdAt: new Date(createdAt) })
        .where(eq(orders.id, id));
      ids[number] = id;
    }
    await stack.db
      .update(orders)
      .set({ status: 'shipped' })
      .where(inArray(orders.id, [ids['WEB-1']!, ids['EBAY-1']!]));
    await raiseException(stack.db, {
      dealerId: stack.dealerId,
      orderId: ids['WEB-2']!,
      kind: 'needs_resolution',
      message: 'HELMET-MX-M: out of stock',
      key: `test:${ids['WEB-2']}`,
    });
  });
  afterAll(async () => stack?.stop());

  const listed = async (query: string) => {
    const response = await api('GET', `/v1/orders?${query}`);
    expect(response.status).toBe(200);
    return response.body.orders.map((o: { channelOrderId: string }) => o.channelOrderId);
  };

  it('filters by status, needs-resolution, channel and created date, newest first', async () => {
    expect(await listed('')).toEqual(['AMZ-1', 'WEB-3', 'EBAY-1', 'WEB-2', 'WEB-1']);
    expect(await listed('status=shipped')).toEqual(['EBAY-1', 'WEB-1']);
    // WEB-2 has an exception open; AMZ-1's routing preview says resolve (its Amazon shipping rate is mapped to no distributor method).
    expect(await listed('needsResolution=true')).toEqual(['AMZ-1', 'WEB-2']);
    expect(await listed('needsResolution=false')).toEqual(['WEB-3', 'EBAY-1', 'WEB-1']);
    expect(await listed('channel=website')).toEqual(['WEB-3', 'WEB-2', 'WEB-1']);
    expect(await listed('channel=shopify')).toEqual([]);
    // A date "to" takes in that whole (UTC) day; a date-time is exact.
    expect(await listed('from=2026-11-02&to=2026-11-04')).toEqual(['WEB-3', 'EBAY-1', 'WEB-2']);
    expect(await listed('from=2026-11-02T23:30:00Z&to=2026-11-04T12:00:00Z')).toEqual(['EBAY-1', 'WEB-2']);
    expect(await listed('channel=website&status=open&from=2026-11-02')).toEqual(['WEB-3', 'WEB-2']);
  });

  it('pages with a cursor: every order once, in order, and a null cursor on the last page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: any } = await api('GET', `/v1/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.orders.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.orders.map((o: { channelOrderId: string }) => o.channelOrderId));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['AMZ-1', 'WEB-3', 'EBAY-1', 'WEB-2', 'WEB-1']);
    // Orders created in the same microsecond still come one page after the other, none skipped or repeated.
    const twins = await Promise.all(
      ['TWIN-1', 'TWIN-2', 'TWIN-3'].map((n) => createOrder(stack.db, { dealerId: stack.dealerId, channel: 'shopify', ...demoOrder(n) })),
    );
    await stack.db
      .update(orders)
      .set({ createdAt: sql`'2026-10-01 00:00:00.123456+00'::timestamptz` })
      .where(
        inArray(
          orders.id,
          twins.map((t) => t.id),
        ),
      );
    const twinPages: string[][] = [];
    for (let twinCursor: string | null = null, first = true; first || twinCursor; first = false) {
      const twinPage: { body: any } = await api('GET', `/v1/orders?channel=shopify&limit=1${twinCursor ? `&cursor=${twinCursor}` : ''}`);
      twinPages.push(twinPage.body.orders.map((o: { channelOrderId: string }) => o.channelOrderId));
      twinCursor = twinPage.body.nextCursor;
    }
    expect(twinPages.flat().sort()).toEqual(['TWIN-1', 'TWIN-2', 'TWIN-3']);
    expect(twinPages).toHaveLength(3);

    // Filters hold across pages.
    const first = await api('GET', '/v1/orders?channel=website&limit=1');
    const second = await api('GET', `/v1/orders?channel=website&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.orders.map((o: { channelOrderId: string }) => o.channelOrderId)).toEqual(['WEB-2']);
  });

  it('sorts by ship-by date, soonest first and orders without one last, a page at a time, and flags unshipped orders due within a day or past', async () => {
    const now = Date.now();
    const shipBy: Record<string, Date | null> = {
      'WEB-1': new Date(now - 2 * HOUR), // shipped: late no more
      'WEB-2': new Date(now - HOUR),
      'AMZ-1': new Date(now + 5 * HOUR),
      'WEB-3': null,
      'EBAY-1': null,
    };
    for (const [number, date] of Object.entries(shipBy)) await stack.db.update(orders).set({ shipBy: date }).where(eq(orders.id, ids[number]!));
    const base = Object.keys(shipBy);

    const { body } = await api('GET', '/v1/orders?sort=ship_by&limit=200');
    const listedOrders = (body.orders as Array<{ channelOrderId: string; shipBy: string | null; shipByAlert: string | null }>).filter((o) =>
      base.includes(o.channelOrderId),
    );
    expect(listedOrders.slice(0, 3).map((o) => [o.channelOrderId, o.shipBy, o.shipByAlert])).toEqual([
      ['WEB-1', shipBy['WEB-1']!.toISOString(), null],
      ['WEB-2', shipBy['WEB-2']!.toISOString(), 'overdue'],
      ['AMZ-1', shipBy['AMZ-1']!.toISOString(), 'due_soon'],
    ]);
    expect(listedOrders.slice(3).map((o) => [o.channelOrderId, o.shipBy, o.shipByAlert])).toEqual(
      expect.arrayContaining([
        ['WEB-3', null, null],
        ['EBAY-1', null, null],
      ]),
    );
    // Every order with a date comes before every order without one.
    const all = body.orders as Array<{ shipBy: string | null }>;
    expect(all.findIndex((o) => o.shipBy === null)).toBe(all.filter((o) => o.shipBy !== null).length);

    // One at a time, across dated and undated orders alike: each once, in the same order.
    const paged: string[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: { body: any } = await api('GET', `/v1/orders?sort=ship_by&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.body.orders.map((o: { channelOrderId: string }) => o.channelOrderId));
      cursor = page.body.nextCursor;
    }
    expect(paged).toEqual(all.map((o: any) => o.channelOrderId));

    // The default order stays newest first, and a sort it does not know is refused.
    expect(await listed('')).toEqual(expect.arrayContaining(base));
    const bad = await api('GET', '/v1/orders?sort=deadline');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([{ field: 'querystring.sort', message: 'sort must be one of newest, ship_by' }]);
  });

  it('gives a website order the dealer’s handling time for website orders as its ship-by date', async () => {
    expect((await api('PATCH', '/v1/settings', { handlingDays: { website: 3, shopify: 1 } })).status).toBe(200);
    const created = await api('POST', '/v1/orders', demoOrderBody('WEB-HANDLING', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]));
    expect(created.status).toBe(201);
    const placedAt = new Date(created.body.placedAt);
    expect(created.body.shipBy).toBe(handlingDeadline(placedAt, 3, 'America/Chicago').toISOString());
    // At least three whole days ahead (more across a weekend), ending at midnight in the dealer's zone.
    expect(Date.parse(created.body.shipBy) - placedAt.getTime()).toBeGreaterThan(3 * DAY);
    expect(new Date(created.body.shipBy).toLocaleTimeString('en-US', { timeZone: 'America/Chicago', hourCycle: 'h23' })).toBe('00:00:00');
    expect(created.body.shipByAlert).toBeNull();
    expect((await api('GET', `/v1/orders/${created.body.id}`)).body).toMatchObject({ shipBy: created.body.shipBy, shipByAlert: null });
    await api('PATCH', '/v1/settings', { handlingDays: { website: 2, shopify: 2 } });
  });

  it('refuses bad filters with a 400 naming each one', async () => {
    const bad = await api('GET', '/v1/orders?status=lost&needsResolution=maybe&channel=etsy&from=yesterday&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([
      { field: 'querystring.status', message: 'status must be one of open, awaiting_payment, dropshipping, partially_shipped, shipped, cancelled' },
      { field: 'querystring.needsResolution', message: 'needsResolution must be true or false' },
      { field: 'querystring.channel', message: 'channel must be one of website, ebay, amazon, shopify' },
      { field: 'querystring.from', message: 'from must be a date such as 2026-11-01 or a time such as 2026-11-01T08:00:00Z' },
      { field: 'querystring.limit', message: 'limit must be at least 1' },
    ]);
    const backwards = await api('GET', '/v1/orders?from=2026-11-05&to=2026-11-01');
    expect(backwards.body.error.details.fields).toEqual([{ field: 'querystring.to', message: 'from must be before to' }]);
    const forged = await api('GET', '/v1/orders?cursor=not-ours');
    expect(forged.status).toBe(400);
    expect(forged.body.error.details.fields).toEqual([{ field: 'querystring.cursor', message: 'cursor is not one this API returned' }]);
    expect((await api('GET', '/v1/orders?from=2026-02-30')).status).toBe(400);
  });

  it('shows an order with per-line eligibility and candidates, POs with tracking links, and a PO with its status history', async () => {
    const created = await api(
      'POST',
      '/v1/orders',
      demoOrderBody('WEB-DETAIL', [
        { sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 },
        { sku: 'BRAKE-PADS-FA', quantity: 1, unitPrice: 59.95 },
      ]),
    );
    const started = await api('POST', `/v1/orders/${created.body.id}/dropships`, { mode: 'auto' });
    expect(started.status).toBe(201);
    const poNumber = await eventually(
      async () => (await api('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    await eventually(async () => stack.wps.state.orders.some((o) => o.po_number === poNumber), 'the WPS order');
    const shipped = await fetch(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const trackingNumber = ((await shipped.json()) as any).data.order_details[0].tracking_numbers[0] as string;
    const po = await eventually(async () => {
      const response = await api('GET', `/v1/purchase-orders/${poNumber}`);
      return response.body.status === 'shipped' && response.body.statusHistory.some((e: { status: string }) => e.status === 'shipped')
        ? response.body
        : undefined;
    }, 'the PO to be shipped');
    expect(po.statusHistory.map((e: { status: string }) => e.status)).toEqual(expect.arrayContaining(['submitted', 'shipped']));
    expect(po.statusHistory[0]).toEqual({
      status: 'submitted',
      at: expect.any(String),
      summary: expect.stringContaining(`PO ${poNumber} submitted`),
      actorType: 'system',
      actorId: null,
    });
    expect(po.shipments[0]).toMatchObject({ trackingNumber, trackingUrl: expect.stringContaining(trackingNumber) });

    const detail = await api('GET', `/v1/orders/${created.body.id}`);
    expect(detail.status).toBe(200);
    const [helmet, pads] = detail.body.lines;
    expect(helmet.eligibility).toMatchObject({
      status: 'routed',
      chosen: { distributor: 'wps', distributorSku: '87-9934' },
      candidates: [{ distributor: 'wps', eligible: true }],
    });
    expect(pads.eligibility).toMatchObject({
      status: 'needs_resolution',
      reasons: [{ code: 'lead_time_too_long', message: expect.stringContaining('Lead time is 3 days') }],
      candidates: [{ distributor: 'wps', eligible: false }],
    });
    expect(detail.body.purchaseOrders[0].shipments[0]).toMatchObject({ trackingNumber, trackingUrl: expect.stringContaining(trackingNumber) });
    expect(detail.body.auditTrail.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['dropship.routed', 'po.submitted', 'shipment.recorded']),
    );

    // Before any drop-ship, lines have no eligibility yet.
    expect((await api('GET', `/v1/orders/${ids['WEB-1']}`)).body.lines[0].eligibility).toBeNull();
    expect((await api('GET', '/v1/purchase-orders/NOPE-1')).status).toBe(404);
  });
});
