import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { upsertCatalogItems } from '../../db/repositories/catalog-upsert.js';
import { auditEvents, dealers, distributorItems } from '../../db/schema/index.js';
import { dealerApi } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** The catalog screen's API: search with stock per warehouse, and the dealer's own SKU links. */
describe('catalog API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack();
    api = dealerApi(stack.app, stack.apiKey);
    await stack.db
      .update(distributorItems)
      .set({ brand: 'HiFlo', manufacturerPartNumber: 'HF-204' })
      .where(and(eq(distributorItems.distributor, 'wps'), eq(distributorItems.distributorSku, '26-1105')));
  });
  afterAll(async () => stack?.stop());

  it('finds items by any part of SKU, dealer SKU, brand, part number or description, without case, with stock per warehouse', async () => {
    const bySku = await api('GET', '/v1/catalog/items?q=26-11');
    expect(bySku.status).toBe(200);
    expect(bySku.body.items).toHaveLength(1);
    expect(bySku.body.items[0]).toMatchObject({
      distributor: 'wps',
      distributorSku: '26-1105',
      dealerSku: 'OIL-FILTER-204',
      brand: 'HiFlo',
      costCents: 450,
      links: [],
      stock: [
        { warehouseCode: 'PA', warehouseName: 'Elizabethtown, PA', leadTimeDays: 1, quantity: 25, updatedAt: expect.any(String) },
        { warehouseCode: 'TX', warehouseName: 'Midlothian, TX', leadTimeDays: 3, quantity: 4, updatedAt: expect.any(String) },
      ],
    });
    for (const q of ['oil-filter', 'hiflo', 'HF204', 'hf-204', 'FILTER HF']) {
      const found = await api('GET', `/v1/catalog/items?q=${encodeURIComponent(q)}`);
      expect(
        found.body.items.map((i: any) => i.distributorSku),
        q,
      ).toEqual(['26-1105']);
    }
    // LIKE's wildcards are taken literally.
    expect((await api('GET', '/v1/catalog/items?q=%25')).body.items).toEqual([]);
    expect((await api('GET', '/v1/catalog/items?q=_')).body.items).toEqual([]);
    expect((await api('GET', '/v1/catalog/items?distributor=parts_unlimited')).body.items).toEqual([]);
  });

  it('pages by distributor and part number, and refuses a cursor it did not give in a sentence', async () => {
    const first = await api('GET', '/v1/catalog/items?limit=2');
    expect(first.body.items.map((i: any) => i.distributorSku)).toEqual(['12-0127', '26-1105']);
    const second = await api('GET', `/v1/catalog/items?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ distributorSku: '87-9934' }], nextCursor: null });
    const bad = await api('GET', '/v1/catalog/items?cursor=not-ours');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([{ field: 'querystring.cursor', message: 'cursor is not one this API returned' }]);
  });

  it('links a dealer SKU to an item, audited with who did it; finds the item by the linked SKU; keeps the link across a feed import; removes it', async () => {
    const body = { dealerSku: 'RIDGE-HELMET-M', distributor: 'wps', distributorSku: '87-9934' };
    const made = await api('PUT', '/v1/catalog/links', body);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ ...body, id: expect.any(String), createdBy: 'alex@ridgeline.example' });
    const again = await api('PUT', '/v1/catalog/links', { ...body, dealerSku: ' RIDGE-HELMET-M ' });
    expect(again).toMatchObject({ status: 200, body: { id: made.body.id } });

    const found = await api('GET', '/v1/catalog/items?q=ridge-helmet');
    expect(found.body.items).toMatchObject([
      { distributorSku: '87-9934', dealerSku: 'HELMET-MX-M', links: [{ id: made.body.id, dealerSku: 'RIDGE-HELMET-M' }] },
    ]);
    expect((await api('GET', '/v1/catalog/links?dealerSku=RIDGE-HELMET-M')).body.links.map((l: any) => l.id)).toEqual([made.body.id]);

    // The next import of WPS's feed rewrites the item; the dealer's link stays.
    await upsertCatalogItems(stack.db, stack.dealerId, 'wps', [
      {
        distributorSku: '87-9934',
        description: 'MX helmet, medium (2027)',
        costCents: 6600,
        leadTimeDays: null,
        manufacturerPartNumber: null,
        brand: null,
        quantities: [],
      },
    ]);
    expect((await api('GET', '/v1/catalog/items?q=ridge-helmet')).body.items).toMatchObject([{ costCents: 6600, links: [{ id: made.body.id }] }]);

    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), like(auditEvents.type, 'catalog.%')));
    expect(audit.map((a) => [a.type, a.actorId, a.summary])).toEqual([
      ['catalog.linked', 'alex@ridgeline.example', 'Your SKU RIDGE-HELMET-M linked to Western Power Sports 87-9934'],
    ]);

    expect((await api('DELETE', `/v1/catalog/links/${made.body.id}`)).status).toBe(204);
    expect((await api('DELETE', `/v1/catalog/links/${made.body.id}`)).status).toBe(404);
    expect((await api('GET', '/v1/catalog/items?q=ridge-helmet')).body.items).toEqual([]);
    const removed = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'catalog.unlinked')));
    expect(removed.map((a) => a.summary)).toEqual(['Link of your SKU RIDGE-HELMET-M to Western Power Sports 87-9934 removed']);
  });

  it('refuses a link in sentences, each on its field', async () => {
    const unknownItem = await api('PUT', '/v1/catalog/links', { dealerSku: 'X-1', distributor: 'wps', distributorSku: '99-0000' });
    expect(unknownItem.status).toBe(422);
    expect(unknownItem.body.error).toMatchObject({
      code: 'UNPROCESSABLE',
      message: 'Western Power Sports has no item 99-0000 in your catalog; check the part number or import its feed first',
      details: { fields: [{ field: 'body.distributorSku' }] },
    });
    const feedSays = await api('PUT', '/v1/catalog/links', { dealerSku: 'HELMET-MX-M', distributor: 'wps', distributorSku: '87-9934' });
    expect(feedSays.status).toBe(422);
    expect(feedSays.body.error.message).toBe("Western Power Sports's feed already maps 87-9934 to your SKU HELMET-MX-M; no link is needed");
    expect(feedSays.body.error.details.fields).toEqual([{ field: 'body.dealerSku', message: feedSays.body.error.message }]);
    const blank = await api('PUT', '/v1/catalog/links', { dealerSku: '  ', distributor: 'acme', distributorSku: '87-9934' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.fields).toEqual([
      { field: 'body.dealerSku', message: 'Your SKU is required' },
      { field: 'body.distributor', message: expect.stringMatching(/^Distributor must be one of /) },
    ]);
  });

  it("shows another dealer nothing of this dealer's catalog or links, and lets it remove none", async () => {
    const link = await api('PUT', '/v1/catalog/links', { dealerSku: 'MINE-1', distributor: 'wps', distributorSku: '12-0127' });
    const other = `dealer-b-${randomUUID().slice(0, 8)}`;
    await stack.db.insert(dealers).values({ id: other, name: 'Other Dealer' });
    const asOther = dealerApi(stack.app, (await createApiKey(stack.db, other, 'b key')).key);
    expect((await asOther('GET', '/v1/catalog/items')).body).toEqual({ items: [], nextCursor: null });
    expect((await asOther('GET', '/v1/catalog/links')).body).toEqual({ links: [] });
    expect((await asOther('DELETE', `/v1/catalog/links/${link.body.id}`)).status).toBe(404);
    expect((await asOther('PUT', '/v1/catalog/links', { dealerSku: 'MINE-1', distributor: 'wps', distributorSku: '12-0127' })).status).toBe(422);
    expect((await api('GET', '/v1/catalog/links?dealerSku=MINE-1')).body.links).toHaveLength(1);
  });
});
