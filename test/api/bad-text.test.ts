import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoChannelAccounts } from '../../db/demo-data.js';
import { auditEvents, orders, shippingMappings, webhookDeliveries } from '../../db/schema/index.js';
import { SANDBOX_CHANNEL_ACCOUNTS, SANDBOX_SHOP_DOMAIN, SANDBOX_SHOPIFY_WEBHOOK_SECRET } from '../../sandboxes/channel-accounts.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { deliverShopifyWebhook, shopifyOrderFixture } from '../helpers/shopify-webhook.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * Text Postgres cannot store (NUL) or that is not text at all (a lone UTF-16 surrogate, which JSON's
 * "\ud800" escape produces) is refused as a 400 naming the field, wherever it arrives: body, query,
 * path, a header we store, a signed webhook. Never a 500, never stored as "�".
 */
describe('bad text in a request', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false });
    await seedDemoChannelAccounts(stack.db, stack.cipher, stack.dealerId, SANDBOX_CHANNEL_ACCOUNTS);
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const raw = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: string, headers: Record<string, string> = {}) =>
    stack.app.inject({
      method,
      url,
      headers: { ...stack.auth, 'content-type': 'application/json', ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
  const orderCount = async () => (await stack.db.select({ n: count() }).from(orders).where(eq(orders.dealerId, stack.dealerId)))[0]!.n;
  const fieldsOf = (body: string) => (JSON.parse(body) as { error: { code: string; details: { fields: Array<{ field: string }> } } }).error;

  it('refuses a NUL in a body field, naming it, and stores nothing', async () => {
    const body = demoOrderBody('WEB-NUL-1');
    body.buyer.name = 'Jane\u0000Rider';
    body.shipTo.city = 'Boi\u0000se';
    const response = await api('POST', '/v1/orders', body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_REQUEST');
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.buyer.name', 'body.shipTo.city']);
    expect(response.body.error.message).toBe('Buyer name and ship-to city hold characters that are not text.');
    expect(await orderCount()).toBe(0);
  });

  it('refuses a lone surrogate instead of storing it as "�"', async () => {
    const payload = JSON.stringify(demoOrderBody('WEB-SURROGATE-1')).replace('"Jane Rider"', '"Jane \\ud800Rider"');
    const response = await raw('POST', '/v1/orders', payload);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.body).details.fields).toEqual([{ field: 'body.buyer.name', message: expect.stringContaining('surrogate') }]);
    // A low surrogate alone, and one in an object key, too.
    const key = await raw('PATCH', '/v1/settings', '{"autoProcessing": true, "\\udc00x": 1}');
    expect(key.statusCode).toBe(400);
    expect(fieldsOf(key.body).details.fields).toEqual([{ field: 'body.\\udc00x', message: expect.stringContaining('surrogate') }]);
    expect(await orderCount()).toBe(0);
    // A surrogate pair (an emoji) is text: it passes.
    const emoji = await raw('POST', '/v1/orders', JSON.stringify(demoOrderBody('WEB-EMOJI-1')).replace('"Jane Rider"', '"Jane \\ud83c\\udfcd Rider"'));
    expect(emoji.statusCode).toBe(201);
    expect(JSON.parse(emoji.body).buyerName).toBe('Jane 🏍 Rider');
  });

  it('refuses a NUL in a query parameter', async () => {
    const response = await api('GET', '/v1/purchase-orders?poNumber=DL%00001');
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toEqual([{ field: 'querystring.poNumber', message: expect.stringContaining('NUL') }]);
  });

  it('refuses a NUL in a path parameter of several routes, writing nothing', async () => {
    const po = await api('GET', '/v1/purchase-orders/DL%00001');
    expect(po.status).toBe(400);
    expect(po.body.error.details.fields).toEqual([{ field: 'params.poNumber', message: expect.stringContaining('NUL') }]);

    const mapping = await api('PUT', '/v1/shipping-mappings/website/Ground%00Rate', { methods: { wps: 'ground' } });
    expect(mapping.status).toBe(400);
    expect(mapping.body.error.details.fields.map((f: { field: string }) => f.field)).toContain('params.rateName');
    const rates = await stack.db.select({ rateName: shippingMappings.rateName }).from(shippingMappings).where(eq(shippingMappings.dealerId, stack.dealerId));
    expect(rates.filter((r) => r.rateName.startsWith('Ground'))).toEqual([]);

    const webhook = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/shopify/dealer%00x',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(webhook.statusCode).toBe(400);
    expect(fieldsOf(webhook.body).details.fields).toEqual([{ field: 'params.dealerId', message: expect.stringContaining('NUL') }]);
  });

  it('refuses bad text in a signed Shopify webhook, whose signature still checks the exact bytes', async () => {
    const body = shopifyOrderFixture('paid');
    const webhook = (payload: string, webhookId: string) =>
      deliverShopifyWebhook(stack.app, stack.dealerId, { body: payload, webhookId, shop: SANDBOX_SHOP_DOMAIN, secret: SANDBOX_SHOPIFY_WEBHOOK_SECRET });
    const withNul = JSON.stringify({ ...body, id: 91_000_001, name: '#NUL\u0000' });
    const refused = await webhook(withNul, 'delivery-nul');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([{ field: 'body.name', message: expect.stringContaining('NUL') }]);
    expect(await stack.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.dealerId, stack.dealerId))).toEqual([]);

    // The check reads the body without touching it: a clean delivery's signature still holds.
    const clean = await webhook(JSON.stringify({ ...body, id: 91_000_002, name: '#CLEAN-1' }), 'delivery-clean');
    expect(clean.status, JSON.stringify(clean.body)).toBe(200);
    expect(clean.body).toMatchObject({ outcome: 'created' });
  });

  it('refuses a NUL in the acting user, a header stored in the audit trail', async () => {
    // Real clients cannot send one (Node refuses the header); Fastify's inject can, like a hand-made request.
    const response = await stack.app.inject({
      method: 'PATCH',
      url: '/v1/settings',
      headers: { ...stack.auth, 'x-acting-user': 'alex\u0000' },
      payload: { dropshipCutoff: 12 },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.body).details.fields).toEqual([{ field: 'headers.x-acting-user', message: expect.stringContaining('NUL') }]);
    expect(
      await stack.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'settings.saved'))),
    ).toEqual([]);
  });
});
