import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDropship } from '../../db/repositories/dropships.js';
import { findOrder } from '../../db/repositories/orders.js';
import { createPurchaseOrder } from '../../db/repositories/purchase-orders.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Walking the PO list page by page (found by bench:api: any cursor answered 500). */
describe('purchase order paging', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  const poNumbers = ['DL900001-W', 'DL900002-W', 'DL900003-W'];

  beforeAll(async () => {
    stack = await startStack();
    api = dealerApi(stack.app, stack.apiKey);
    const orderId = (await api('POST', '/v1/orders', demoOrderBody('WEB-PAGING-1'))).body.id as string;
    const order = (await findOrder(stack.db, stack.dealerId, orderId))!;
    const { dropship } = await openDropship(stack.db, stack.dealerId, orderId, 'manual');
    for (const poNumber of poNumbers) {
      const line = order.lines[0]!;
      await createPurchaseOrder(stack.db, {
        dealerId: stack.dealerId,
        orderId,
        dropshipId: dropship.id,
        distributor: 'wps',
        poNumber,
        workflowId: `test:${poNumber}`,
        shipMethod: 'BEST',
        lines: [{ lineId: line.id, dealerSku: line.dealerSku, distributorSku: '87-9934', quantity: 1 }],
      });
    }
  });
  afterAll(async () => stack?.stop());

  it('pages through every PO once, newest first, and ends with a null cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const { status, body } = await api('GET', `/v1/purchase-orders?distributor=wps&shipped=false&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      seen.push(...body.purchaseOrders.map((po: { poNumber: string }) => po.poNumber));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...poNumbers].reverse());
  });

  it('refuses a cursor it did not hand out', async () => {
    const { status, body } = await api('GET', '/v1/purchase-orders?cursor=not-a-cursor');
    expect(status).toBe(400);
    expect(body.error.details.fields[0]).toMatchObject({ field: 'querystring.cursor', message: 'cursor is not one this API returned' });
  });
});
