import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Shipping mappings over HTTP, and what they decide: an unmapped rate holds the line for the dealer. */
describe('shipping mappings API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack();
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  it('lists the mappings and the method codes each distributor knows', async () => {
    const { status, body } = await api('GET', '/v1/shipping-mappings?channel=website');
    expect(status).toBe(200);
    expect(body.mappings).toEqual([{ channel: 'website', rateName: 'Standard Shipping', methods: { wps: 'BEST' } }]);
    expect(body.methods.wps).toMatchObject({ name: 'Western Power Sports', published: true, codes: expect.arrayContaining(['BEST', 'UP2D']) });
    expect(body.methods.parts_unlimited).toMatchObject({ published: false, codes: [] });
  });

  it('refuses a WPS code WPS does not publish, an unknown distributor and an unknown channel, changing nothing', async () => {
    const badCode = await api('PUT', '/v1/shipping-mappings/website/Standard%20Shipping', { methods: { wps: 'FDXG', tucker_rocky: 'UG' } });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details.fields).toEqual([
      { field: 'body.methods.wps', message: expect.stringContaining('"FDXG" is not a Western Power Sports shipping method') },
    ]);

    const badDistributor = await api('PUT', '/v1/shipping-mappings/website/Standard%20Shipping', { methods: { acme: 'GROUND' } });
    expect(badDistributor.status).toBe(400);
    const badChannel = await api('PUT', '/v1/shipping-mappings/etsy/Standard%20Shipping', { methods: { wps: 'BEST' } });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.error.details.fields[0].message).toContain('Channel must be one of');

    expect((await api('GET', '/v1/shipping-mappings?channel=website')).body.mappings[0].methods).toEqual({ wps: 'BEST' });
  });

  it('holds a line whose shipping rate is unmapped, and routes it once the dealer maps the rate', async () => {
    const rate = 'Free 2-Day / Ground';
    const unmapped = await api('POST', '/v1/orders', { ...demoOrderBody('WEB-SHIP-1'), shippingRateName: rate });
    const held = await api('POST', `/v1/orders/${unmapped.body.id}/dropships`, { mode: 'manual' });
    expect(held.status).toBe(201);
    expect(held.body.phase).toBe('needs_resolution');
    expect(held.body.plan.lines[0]).toMatchObject({
      status: 'needs_resolution',
      reasons: [{ code: 'shipping_rate_unmapped', message: `Shipping rate "${rate}" is not mapped to a Western Power Sports shipping method` }],
    });

    const saved = await api('PUT', `/v1/shipping-mappings/website/${encodeURIComponent(rate)}`, { methods: { wps: 'UP2D', tucker_rocky: 'UG' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ channel: 'website', rateName: rate, methods: { wps: 'UP2D', tucker_rocky: 'UG' } });
    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'shipping_mapping.saved')));
    expect(audit.map((a) => a.summary)).toEqual([`website shipping rate "${rate}" mapped to Western Power Sports UP2D, Tucker Rocky UG`]);

    const mapped = await api('POST', '/v1/orders', { ...demoOrderBody('WEB-SHIP-2'), shippingRateName: rate });
    const routed = await api('POST', `/v1/orders/${mapped.body.id}/dropships`, { mode: 'manual' });
    expect(routed.body.plan.lines[0]).toMatchObject({ status: 'routed', chosen: { distributor: 'wps' } });
    expect(routed.body.plan.purchaseOrders[0]).toMatchObject({ distributor: 'wps', shipMethod: 'UP2D' });

    // Leaving a distributor out unmaps it; an empty map removes the rate.
    await api('PUT', `/v1/shipping-mappings/website/${encodeURIComponent(rate)}`, { methods: {} });
    expect((await api('GET', '/v1/shipping-mappings?channel=website')).body.mappings.map((m: any) => m.rateName)).toEqual(['Standard Shipping']);
  });
});
