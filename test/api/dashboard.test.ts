import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrder } from '../../db/demo-data.js';
import { factsFor } from '../../db/repositories/dropship-facts.js';
import { createOrder } from '../../db/repositories/orders.js';
import { dropships, orders } from '../../db/schema/index.js';
import { previewRouting } from '../../domain/routing-preview.js';
import { logApiWrites } from '../fuzz/api-writes.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

const API_APPLICATION_NAME = 'dropline-dashboard-api';
const NO_DROPSHIP = { id: '00000000-0000-4000-8000-000000000000', shipTo: null, rerouteOf: null, excludedDistributors: [], maxCostPercent: null };

/**
 * The Process / Resolve dashboard: the routing preview (a dry run that writes nothing), the order list
 * with buyer, items, total and what each order needs, its filters and search, and the bulk drop-ship.
 */
describe('Process / Resolve dashboard API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  let writes: Awaited<ReturnType<typeof logApiWrites>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false, apiApplicationName: API_APPLICATION_NAME, sandboxes: { wps: { shipOnSubmit: true } } });
    api = dealerApi(stack.app, stack.apiKey);
    for (const number of ['DASH-READY-1', 'DASH-READY-2']) ids[number] = (await api('POST', '/v1/orders', demoOrderBody(number))).body.id;
    ids['DASH-UNCARRIED'] = (
      await api('POST', '/v1/orders', {
        ...demoOrderBody('DASH-UNCARRIED', [
          { sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 },
          { sku: 'NOBODY-CARRIES-9', quantity: 3, unitPrice: 40 },
        ]),
        buyer: { name: 'Marta Quill', email: 'MARTA@Example.com' },
      })
    ).body.id;
    ids['AMZ-UNMAPPED'] = (await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'amazon', ...demoOrder('AMZ-UNMAPPED') })).id;
    ids['EBAY-UNPAID'] = (
      await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'ebay', status: 'awaiting_payment', ...demoOrder('EBAY-UNPAID') })
    ).id;
    writes = await logApiWrites(stack.db, API_APPLICATION_NAME);
  });
  afterAll(async () => stack?.stop());

  const preview = (number: string) => api('POST', `/v1/orders/${ids[number]}/routing-preview`);

  it('previews a routable order as ready with the proposed PO split per line, and writes nothing', async () => {
    const before = await writes.last();
    const ready = await preview('DASH-READY-1');
    expect(ready.status).toBe(200);
    expect(ready.body.state).toBe('ready');
    expect(ready.body.lines.map((l: any) => [l.dealerSku, l.status, l.distributor, l.distributorSku, l.problems])).toEqual([
      ['HELMET-MX-M', 'routed', 'wps', '87-9934', []],
    ]);
    expect(ready.body.purchaseOrders).toEqual([
      {
        distributor: 'wps',
        shipMethod: 'BEST',
        lines: [expect.objectContaining({ dealerSku: 'HELMET-MX-M', distributorSku: '87-9934', quantity: 2 })],
      },
    ]);
    // Every preview, ready or not, and the list that previews a whole page, leave the database as they found it.
    for (const number of Object.keys(ids)) expect((await preview(number)).status).toBe(200);
    expect((await api('GET', '/v1/orders?limit=50')).status).toBe(200);
    expect(await writes.since(before)).toEqual([]);
  });

  it('judges an order exactly as a drop-ship would (the batched facts match the drop-ship’s own)', async () => {
    for (const number of Object.keys(ids)) {
      const [order] = await stack.db.select().from(orders).where(eq(orders.id, ids[number]!));
      const facts = await factsFor(stack.db, stack.dealerId, order!.id, NO_DROPSHIP);
      expect((await preview(number)).body, number).toEqual(JSON.parse(JSON.stringify(previewRouting(order!.status, facts))));
    }
  });

  it('previews what must be resolved, per line, each with the one action that fixes it', async () => {
    const uncarried = (await preview('DASH-UNCARRIED')).body;
    expect(uncarried.state).toBe('resolve');
    expect(uncarried.lines.map((l: any) => [l.dealerSku, l.status, l.problems])).toEqual([
      ['HELMET-MX-M', 'routed', []],
      [
        'NOBODY-CARRIES-9',
        'needs_resolution',
        [
          {
            code: 'not_carried',
            message: 'No distributor in your catalog carries SKU NOBODY-CARRIES-9',
            action: { label: 'Add a cross-reference in the catalog', href: '/catalog?q=NOBODY-CARRIES-9' },
          },
        ],
      ],
    ]);
    const unmapped = (await preview('AMZ-UNMAPPED')).body;
    expect(unmapped.state).toBe('resolve');
    expect(unmapped.lines[0].problems.map((p: any) => [p.code, p.action])).toEqual([
      ['shipping_rate_unmapped', { label: 'Map the shipping rate to a distributor method in Settings', href: '/settings' }],
    ]);
    const unpaid = (await preview('EBAY-UNPAID')).body;
    expect(unpaid.state).toBe('resolve');
    expect(unpaid.orderProblems).toEqual([
      { code: 'not_paid', message: 'The buyer has not paid yet', action: { label: 'Wait: the order is not paid yet', href: null } },
    ]);

    const missing = await api('POST', '/v1/orders/00000000-0000-4000-8000-000000000001/routing-preview');
    expect(missing.status).toBe(404);
    const malformed = await api('POST', '/v1/orders/12/routing-preview');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('Order id is not a valid id.');
  });

  it('lists each order with buyer, items, total, channel, ship-by and its preview', async () => {
    const listed = (await api('GET', '/v1/orders?limit=50')).body.orders;
    const uncarried = listed.find((o: any) => o.channelOrderId === 'DASH-UNCARRIED');
    expect(uncarried).toMatchObject({
      buyerName: 'Marta Quill',
      buyerEmail: 'MARTA@Example.com',
      channel: 'website',
      items: [
        { dealerSku: 'HELMET-MX-M', quantity: 1 },
        { dealerSku: 'NOBODY-CARRIES-9', quantity: 3 },
      ],
      totalCents: 12995 + 3 * 4000,
      preview: { state: 'resolve' },
      placedWith: [],
      attention: null,
    });
    expect(uncarried.shipBy).not.toBeNull();
    expect(uncarried.placedAt).toBeTruthy();
  });

  const listed = async (query: string) => {
    const response = await api('GET', `/v1/orders?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.orders.map((o: { channelOrderId: string }) => o.channelOrderId).sort();
  };

  it('searches one q over order number, buyer name and email, and SKU, in any case', async () => {
    expect(await listed('q=dash-ready')).toEqual(['DASH-READY-1', 'DASH-READY-2']);
    expect(await listed('q=marta')).toEqual(['DASH-UNCARRIED']);
    expect(await listed('q=marta@example.COM')).toEqual(['DASH-UNCARRIED']);
    expect(await listed('q=nobody-carries')).toEqual(['DASH-UNCARRIED']);
    expect(await listed('q=oil-filter')).toEqual(['AMZ-UNMAPPED', 'EBAY-UNPAID']);
    expect(await listed('q=%25')).toEqual([]);
    expect(await listed('q=zzz-nothing')).toEqual([]);
  });

  it('filters by needs-resolution and by the distributor an order would route to or is placed with', async () => {
    expect(await listed('needsResolution=true')).toEqual(['AMZ-UNMAPPED', 'DASH-UNCARRIED', 'EBAY-UNPAID']);
    expect(await listed('needsResolution=false')).toEqual(['DASH-READY-1', 'DASH-READY-2']);
    // DASH-UNCARRIED's helmet line would go to WPS; the unpaid eBay order routes there too once paid.
    expect(await listed('distributor=wps')).toEqual(['DASH-READY-1', 'DASH-READY-2', 'DASH-UNCARRIED', 'EBAY-UNPAID']);
    expect(await listed('distributor=tucker_rocky')).toEqual([]);
    expect(await listed('channel=amazon&needsResolution=true')).toEqual(['AMZ-UNMAPPED']);
    // A page of a filter only the preview answers is filled from later batches, and its cursor reads on.
    const first = (await api('GET', '/v1/orders?needsResolution=true&limit=2')).body;
    expect(first.orders).toHaveLength(2);
    const second = (await api('GET', `/v1/orders?needsResolution=true&limit=2&cursor=${first.nextCursor}`)).body;
    expect([...first.orders, ...second.orders].map((o: any) => o.channelOrderId).sort()).toEqual(['AMZ-UNMAPPED', 'DASH-UNCARRIED', 'EBAY-UNPAID']);
    expect(second.nextCursor).toBeNull();
  });

  it('drop-ships several ready orders at once, each on its own, reporting each order, and changes nothing when repeated', async () => {
    const unknown = '00000000-0000-4000-8000-000000000002';
    const orderIds = [ids['DASH-READY-1'], ids['DASH-READY-2'], ids['DASH-UNCARRIED'], unknown];
    const first = await api('POST', '/v1/orders/dropships', { orderIds, acknowledged: true });
    expect(first.status).toBe(200);
    const byOrder = new Map(first.body.results.map((r: any) => [r.channelOrderId ?? r.orderId, r]));
    for (const number of ['DASH-READY-1', 'DASH-READY-2']) {
      expect(byOrder.get(number)).toMatchObject({ outcome: 'placed', message: null, purchaseOrders: [{ distributor: 'wps', poNumber: expect.any(String) }] });
    }
    expect(byOrder.get('DASH-UNCARRIED')).toMatchObject({
      outcome: 'not_ready',
      dropshipId: null,
      message: 'No distributor in your catalog carries SKU NOBODY-CARRIES-9 (add a cross-reference in the catalog)',
    });
    expect(byOrder.get(unknown)).toMatchObject({ outcome: 'failed', message: 'No such order' });
    // Each its own drop-ship workflow.
    const opened = await stack.db
      .select()
      .from(dropships)
      .where(inArray(dropships.orderId, [ids['DASH-READY-1']!, ids['DASH-READY-2']!]));
    expect(opened.map((d) => d.workflowId).sort()).toEqual([ids['DASH-READY-1'], ids['DASH-READY-2']].map((id) => `dropship:${stack.dealerId}:${id}:1`).sort());

    const again = await api('POST', '/v1/orders/dropships', { orderIds, acknowledged: true });
    expect(again.body.results.map((r: any) => r.outcome)).toEqual(['already_dropshipped', 'already_dropshipped', 'not_ready', 'failed']);
    expect(
      await stack.db
        .select()
        .from(dropships)
        .where(inArray(dropships.orderId, [ids['DASH-READY-1']!, ids['DASH-READY-2']!])),
    ).toHaveLength(2);
  });

  it('refuses a bulk drop-ship without orders, in a sentence', async () => {
    const empty = await api('POST', '/v1/orders/dropships', { orderIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('Pick at least one order.');
  });

  it('lists a page of 50 orders with their previews quickly (batched facts, not queries per order)', async () => {
    for (let i = 0; i < 50; i++) await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'website', ...demoOrder(`DASH-PAGE-${i}`) });
    await api('GET', '/v1/orders?limit=50');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const page = await api('GET', '/v1/orders?limit=50');
      times.push(performance.now() - started);
      expect(page.body.orders).toHaveLength(50);
    }
    const median = times.sort((a, b) => a - b)[2]!;
    console.log(`[dashboard] a page of 50 orders with routing previews: median ${median.toFixed(1)} ms over 5 requests`);
    expect(median).toBeLessThan(1000);
  });
});
