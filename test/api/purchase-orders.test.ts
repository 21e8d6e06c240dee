import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrder } from '../../db/demo-data.js';
import { openDropship } from '../../db/repositories/dropships.js';
import { createOrder, findOrder } from '../../db/repositories/orders.js';
import { createPurchaseOrder, updatePurchaseOrder } from '../../db/repositories/purchase-orders.js';
import { purchaseOrders } from '../../db/schema/index.js';
import type { DistributorId } from '../../domain/distributors.js';
import { PO_STATUSES } from '../../domain/purchase-order.js';
import { dealerApi } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** PO search: by number, order, distributor and shipped status, a cursor page at a time. */
describe('purchase orders API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  const orderIds: string[] = [];

  beforeAll(async () => {
    stack = await startStack();
    api = dealerApi(stack.app, stack.apiKey);
    // Two orders: the first with a WPS and a Tucker Rocky PO, the second with one WPS PO, shipped.
    const plan: Array<[string, DistributorId[]]> = [
      ['PO-ORDER-1', ['wps', 'tucker_rocky']],
      ['PO-ORDER-2', ['wps']],
    ];
    for (const [number, distributors] of plan) {
      const { id: orderId } = await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'website', ...demoOrder(number) });
      const line = (await findOrder(stack.db, stack.dealerId, orderId))!.lines[0]!;
      const { dropship } = await openDropship(stack.db, stack.dealerId, orderId, 'manual');
      for (const distributor of distributors) {
        const poNumber = `${number}-${distributor}`;
        await createPurchaseOrder(stack.db, {
          dealerId: stack.dealerId,
          orderId,
          dropshipId: dropship.id,
          distributor,
          poNumber,
          workflowId: `po:${stack.dealerId}:${poNumber}`,
          shipMethod: 'BEST',
          lines: [{ lineId: line.id, dealerSku: line.dealerSku, distributorSku: 'X-1', quantity: 1 }],
        });
      }
      orderIds.push(orderId);
    }
    await updatePurchaseOrder(stack.db, stack.dealerId, 'PO-ORDER-2-wps', { status: 'shipped' });
    // All three in the same microsecond, as a bulk import would make them: pages must still hold every one.
    await stack.db
      .update(purchaseOrders)
      .set({ createdAt: sql`'2026-11-20 08:00:00.000001+00'::timestamptz` })
      .where(inArray(purchaseOrders.orderId, orderIds));
  });
  afterAll(async () => stack?.stop());

  const numbers = async (query: string) => {
    const response = await api('GET', `/v1/purchase-orders?${query}`);
    expect(response.status).toBe(200);
    return response.body.purchaseOrders.map((po: { poNumber: string }) => po.poNumber).sort();
  };

  it('searches by PO number, order, distributor and shipped status', async () => {
    expect(await numbers('')).toEqual(['PO-ORDER-1-tucker_rocky', 'PO-ORDER-1-wps', 'PO-ORDER-2-wps']);
    expect(await numbers('poNumber=PO-ORDER-1-wps')).toEqual(['PO-ORDER-1-wps']);
    expect(await numbers(`orderId=${orderIds[0]}`)).toEqual(['PO-ORDER-1-tucker_rocky', 'PO-ORDER-1-wps']);
    expect(await numbers('distributor=wps')).toEqual(['PO-ORDER-1-wps', 'PO-ORDER-2-wps']);
    expect(await numbers('shipped=true')).toEqual(['PO-ORDER-2-wps']);
    expect(await numbers('shipped=false&distributor=wps')).toEqual(['PO-ORDER-1-wps']);

    const one = await api('GET', '/v1/purchase-orders/PO-ORDER-1-wps');
    expect(one.body).toMatchObject({
      poNumber: 'PO-ORDER-1-wps',
      distributor: 'wps',
      lines: [{ distributorSku: 'X-1', quantity: 1 }],
      shipments: [],
      statusHistory: [],
    });
  });

  it('finds POs by the start of their number in any case, by order number, by every status and by placed date', async () => {
    expect(await numbers('poNumber=po-order-1')).toEqual(['PO-ORDER-1-tucker_rocky', 'PO-ORDER-1-wps']);
    expect(await numbers('poNumber=Po-OrDeR-2')).toEqual(['PO-ORDER-2-wps']);
    expect(await numbers('poNumber=PO-ORDER-1-W')).toEqual(['PO-ORDER-1-wps']);
    expect(await numbers('poNumber=ORDER')).toEqual([]);
    // A LIKE wildcard is a character like any other.
    expect(await numbers('poNumber=PO%25')).toEqual([]);
    expect(await numbers('orderId=po-order-1')).toEqual(['PO-ORDER-1-tucker_rocky', 'PO-ORDER-1-wps']);
    expect(await numbers('orderId=PO-ORDER-2&distributor=wps')).toEqual(['PO-ORDER-2-wps']);
    expect(await numbers('orderId=PO-ORDER')).toEqual([]);
    expect(await numbers('status=shipped')).toEqual(['PO-ORDER-2-wps']);
    expect(await numbers('status=pending')).toEqual(['PO-ORDER-1-tucker_rocky', 'PO-ORDER-1-wps']);
    expect(await numbers('status=given_up')).toEqual([]);
    // All three were placed on 2026-11-20 (UTC).
    expect(await numbers('from=2026-11-20&to=2026-11-20')).toHaveLength(3);
    expect(await numbers('from=2026-11-21')).toEqual([]);
    expect(await numbers('to=2026-11-19')).toEqual([]);
  });

  it('says what is wrong with a search in a sentence, naming the field in words', async () => {
    const long = await api('GET', `/v1/purchase-orders?orderId=${'9'.repeat(65)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.message).toBe('Order must be an order ID or an order number.');
    const several = await api('GET', '/v1/purchase-orders?status=lost&from=yesterday');
    expect(several.body.error.message).toBe(
      `Status must be one of ${PO_STATUSES.join(', ')}. Placed from must be a date such as 2026-11-01 or a time such as 2026-11-01T08:00:00Z.`,
    );
    expect(several.body.error.message).not.toContain('querystring');
  });

  it('pages with a cursor through rows created in the same microsecond', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await api('GET', `/v1/purchase-orders?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.purchaseOrders.map((po: { poNumber: string }) => po.poNumber));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['PO-ORDER-1-tucker_rocky', 'PO-ORDER-1-wps', 'PO-ORDER-2-wps']);
  });

  it('refuses bad search fields with a 400 naming each one', async () => {
    const bad = await api('GET', `/v1/purchase-orders?orderId=${'1'.repeat(65)}&distributor=acme&shipped=yes&limit=500&cursor=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'querystring.orderId',
      'querystring.distributor',
      'querystring.shipped',
      'querystring.cursor',
      'querystring.limit',
    ]);
    const [po] = await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, 'PO-ORDER-1-wps'));
    expect(po!.status).toBe('pending');
  });
});
