import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCatalogItems, putStock } from '../../db/repositories/catalog-upsert.js';
import { replaceStock } from '../../db/repositories/inventory.js';
import { distributorItems } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { addPartsUnlimitedAccount } from '../helpers/parts-unlimited.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The SKU cross-reference in routing and swap: Parts Unlimited's 0712-0012 is mapped to no dealer
 * SKU of the oil filter, but its feed names the same brand and manufacturer part number as WPS 26-1105.
 */
describe('SKU cross-reference', () => {
  let stack: Stack;
  let call: ReturnType<typeof dealerApi>;
  const oilFilter = [{ sku: 'OIL-FILTER-204', quantity: 2, unitPrice: 12.95 }];

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false });
    await addPartsUnlimitedAccount(stack);
    const { db, dealerId } = stack;
    await db
      .update(distributorItems)
      .set({ brand: 'HiFlo', manufacturerPartNumber: 'HF204' })
      .where(and(eq(distributorItems.distributor, 'wps'), eq(distributorItems.distributorSku, '26-1105')));
    await putCatalogItems(db, dealerId, [
      {
        distributor: 'parts_unlimited',
        distributorSku: '0712-0012',
        dealerSku: 'PU-0712-0012',
        costCents: 420,
        brand: 'Hi-Flo',
        manufacturerPartNumber: 'HF-204',
      },
      // A differently written brand is a different part: the cross-reference must not match it.
      {
        distributor: 'parts_unlimited',
        distributorSku: '0712-9999',
        dealerSku: 'PU-0712-9999',
        costCents: 300,
        brand: 'K&N',
        manufacturerPartNumber: 'HF-204',
      },
    ]);
    await putStock(db, [
      { distributor: 'parts_unlimited', distributorSku: '0712-0012', warehouseCode: 'WI', quantity: 10 },
      { distributor: 'parts_unlimited', distributorSku: '0712-9999', warehouseCode: 'WI', quantity: 10 },
    ]);
    call = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  it('offers the same part at another distributor as an alternative, and lets the dealer swap to it', async () => {
    const order = await call('POST', '/v1/orders', demoOrderBody('WEB-XREF-1', oilFilter));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, {});
    const line = started.body.plan.lines[0];
    expect(line.chosen.distributor).toBe('wps');
    expect(line.candidates.map((c: any) => [c.distributor, c.distributorSku, c.samePartAs ?? null])).toEqual([
      ['wps', '26-1105', null],
      ['parts_unlimited', '0712-0012', { brand: 'HiFlo', manufacturerPartNumber: 'HF204' }],
    ]);

    const swap = await call('POST', `/v1/dropships/${started.body.id}/swap-line`, { lineId: line.lineId, distributor: 'parts_unlimited' });
    expect(swap.status).toBe(202);
    const swapped = await call('GET', swap.location);
    expect(swapped.body.plan.purchaseOrders).toMatchObject([{ distributor: 'parts_unlimited', lines: [{ distributorSku: '0712-0012', quantity: 2 }] }]);
    await call('POST', `/v1/dropships/${started.body.id}/cancel`, {});
  });

  it('routes to the same part elsewhere when the mapped item is out of stock, and says why', async () => {
    await replaceStock(stack.db, 'wps', [{ distributorSku: '26-1105', warehouses: [] }]);
    const order = await call('POST', '/v1/orders', demoOrderBody('WEB-XREF-2', oilFilter));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, {});
    const line = started.body.plan.lines[0];
    expect(line).toMatchObject({ status: 'routed', chosen: { distributor: 'parts_unlimited', distributorSku: '0712-0012' } });
    expect(line.why).toEqual([
      'Parts Unlimited is the only eligible distributor for SKU OIL-FILTER-204',
      'Parts Unlimited 0712-0012 is the same part (HiFlo HF204) under another SKU',
    ]);
    await call('POST', `/v1/dropships/${started.body.id}/cancel`, {});
  });
});
