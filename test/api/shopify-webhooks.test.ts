import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, orderLines, orders, webhookDeliveries } from '../../db/schema/index.js';
import { dealerApi } from '../helpers/api.js';
import { deliverShopifyWebhook, SHOP_DOMAIN, shopifyOrderFixture, sign, WEBHOOK_SECRET } from '../helpers/shopify-webhook.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Shopify order webhooks (orders/create, orders/updated, orders/cancelled) over HTTP: signed over the raw body, taken in once per delivery and per order. */
describe('Shopify order webhooks', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    // Intake alone: auto-processing, which starts a drop-ship from the webhook, is covered in test/e2e/marketplace-orders.test.ts.
    stack = await startStack({ autoProcessing: false });
    api = dealerApi(stack.app, stack.apiKey);
    const connected = await api('PUT', '/v1/channel-accounts/shopify', {
      shopDomain: SHOP_DOMAIN,
      credentials: { accessToken: 'shpat_test_0123456789', webhookSecret: WEBHOOK_SECRET },
    });
    expect(connected.status).toBe(200);
  });
  afterAll(async () => stack?.stop());

  const deliver = (delivery: Parameters<typeof deliverShopifyWebhook>[2]) => deliverShopifyWebhook(stack.app, stack.dealerId, delivery);
  const shopifyOrders = () =>
    stack.db
      .select()
      .from(orders)
      .where(and(eq(orders.dealerId, stack.dealerId), eq(orders.channel, 'shopify')));
  const deliveries = () => stack.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.dealerId, stack.dealerId));

  it('refuses a delivery whose signature does not match with 401, and stores nothing', async () => {
    const body = JSON.stringify(shopifyOrderFixture('paid'));
    const refusals = [
      await deliver({ body, secret: 'someone-elses-secret' }),
      // Signed, then changed in transit: the signature covers the bytes, not the meaning.
      await deliver({ body: body.replace('"quantity": 2', '"quantity": 20').replace('"quantity":2', '"quantity":20'), signature: sign(body) }),
      await deliver({ body, signature: null }),
      await deliver({ body, signature: 'not base64 at all' }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(refusals[0]!.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('X-Shopify-Hmac-Sha256') });
    expect(await shopifyOrders()).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it('refuses a delivery from another shop, or for a dealer without a Shopify account', async () => {
    const body = shopifyOrderFixture('paid');
    const otherShop = await deliver({ body, shop: 'someone-else.myshopify.com' });
    expect(otherShop.status).toBe(401);
    expect(otherShop.body.error.message).toContain('someone-else.myshopify.com');
    const noAccount = await deliverShopifyWebhook(stack.app, 'dealer-unknown', { body });
    expect(noAccount.status).toBe(401);
    expect(await shopifyOrders()).toEqual([]);
  });

  it('takes the same delivery in once: a retry answers 200 and changes nothing', async () => {
    const webhookId = randomUUID();
    const first = await deliver({ body: shopifyOrderFixture('paid'), webhookId });
    expect(first).toMatchObject({ status: 200, body: { outcome: 'created', status: 'open' } });
    const again = await deliver({ body: shopifyOrderFixture('paid'), webhookId });
    expect(again).toMatchObject({ status: 200, body: { outcome: 'repeated_delivery' } });
    // A second subscription delivering the same order under its own id still finds the one order.
    const otherDelivery = await deliver({ body: shopifyOrderFixture('paid') });
    expect(otherDelivery).toMatchObject({ status: 200, body: { outcome: 'unchanged', orderId: first.body.orderId } });

    const stored = await shopifyOrders();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: first.body.orderId,
      channelOrderId: 'gid://shopify/Order/5731092644021',
      status: 'open',
      buyerName: 'Morgan Hill',
      buyerEmail: 'morgan.hill@example.com',
      shippingRateName: 'Standard Shipping',
      shipTo: { name: 'Morgan Hill', line1: '88 Foothill Rd', line2: 'Unit 4', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' },
    });
    expect(stored[0]!.placedAt.toISOString()).toBe('2026-11-20T16:14:03.000Z');
    const lines = await stack.db.select().from(orderLines).where(eq(orderLines.orderId, first.body.orderId));
    expect(lines).toEqual([
      expect.objectContaining({
        lineNumber: 1,
        channelLineId: 'gid://shopify/LineItem/14012345678901',
        dealerSku: 'HELMET-MX-M',
        quantity: 2,
        unitPriceCents: 12995,
      }),
    ]);
    expect((await deliveries()).filter((d) => d.orderId === first.body.orderId)).toHaveLength(2);
    const audit = await stack.db.select().from(auditEvents).where(eq(auditEvents.orderId, first.body.orderId));
    expect(audit.map((e) => [e.type, e.actorType, e.actorId])).toEqual([['order.taken_in', 'channel', 'shopify']]);
  });

  it('stores an order that arrives cancelled or unpaid, and refuses to drop-ship it', async () => {
    const cancelled = await deliver({ body: shopifyOrderFixture('cancelled') });
    expect(cancelled).toMatchObject({ status: 200, body: { outcome: 'created', status: 'cancelled' } });
    const pending = await deliver({ body: shopifyOrderFixture('pending') });
    expect(pending).toMatchObject({ status: 200, body: { outcome: 'created', status: 'awaiting_payment' } });

    const refusedCancelled = await api('POST', `/v1/orders/${cancelled.body.orderId}/dropships`, { mode: 'auto' });
    expect(refusedCancelled.status).toBe(409);
    expect(refusedCancelled.body.error.message).toBe('This order was cancelled, so nothing is drop-shipped for it');
    const refusedPending = await api('POST', `/v1/orders/${pending.body.orderId}/dropships`, { mode: 'auto' });
    expect(refusedPending.status).toBe(409);
    expect(refusedPending.body.error.message).toBe('This order is not paid yet, so nothing is drop-shipped for it');

    const awaiting = await api('GET', '/v1/orders?status=awaiting_payment');
    expect(awaiting.body.orders.map((o: any) => o.id)).toEqual([pending.body.orderId]);
    const order = await api('GET', `/v1/orders/${cancelled.body.orderId}`);
    expect(order.body.dropships).toEqual([]);
    expect(order.body.auditTrail[0].summary).toBe(
      'Order gid://shopify/Order/5731092644022 taken in from Shopify: it was cancelled there, so nothing is drop-shipped',
    );
  });

  it('keeps order and line ids past 2^53 exact, though JSON.parse would round them', async () => {
    // 2^53 + 1 and 2^53 + 3: as numbers both round to an even neighbour.
    const [orderId, lineId] = ['9007199254740993', '9007199254740995'];
    const order = shopifyOrderFixture('paid');
    delete order.admin_graphql_api_id;
    order.id = 'ORDER_ID';
    order.line_items[0].id = 'LINE_ID';
    // Number literals in the raw body, as Shopify sends them.
    const body = JSON.stringify(order).replace('"ORDER_ID"', orderId).replace('"LINE_ID"', lineId);
    // The body carries numbers, which JSON.parse would round.
    expect(String(JSON.parse(body).id)).not.toBe(orderId);

    const answer = await deliver({ body });
    expect(answer).toMatchObject({ status: 200, body: { outcome: 'created' } });
    const [stored] = await stack.db.select().from(orders).where(eq(orders.id, answer.body.orderId));
    expect(stored?.channelOrderId).toBe(`gid://shopify/Order/${orderId}`);
    const lines = await stack.db.select().from(orderLines).where(eq(orderLines.orderId, answer.body.orderId));
    expect(lines.map((line) => line.channelLineId)).toEqual([`gid://shopify/LineItem/${lineId}`]);

    // An update of the same order is read the same way, and finds it.
    const update = await deliver({ body, topic: 'orders/updated' });
    expect(update).toMatchObject({ status: 200, body: { outcome: 'unchanged', orderId: answer.body.orderId } });
  });

  it('answers a malformed order with 400 naming what is wrong, and stores nothing, not even the delivery', async () => {
    const broken = shopifyOrderFixture('paid');
    broken.id = 5731092644099;
    broken.admin_graphql_api_id = 'gid://shopify/Order/5731092644099';
    broken.line_items[0].quantity = 'two';
    delete broken.created_at;
    const webhookId = randomUUID();
    const answer = await deliver({ body: broken, webhookId });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BAD_REQUEST');
    expect(answer.body.error.message).toMatch(/^The Shopify order is not what an orders\/create webhook carries: /);
    expect(answer.body.error.details.fields.map((f: any) => f.field)).toEqual(['body.created_at', 'body.line_items.0.quantity']);

    const notJson = await deliver({ body: '{"id": 1, "line_items": [', webhookId: randomUUID() });
    expect(notJson).toMatchObject({ status: 400, body: { error: { message: 'The webhook body is not JSON' } } });

    expect((await shopifyOrders()).map((o) => o.channelOrderId)).not.toContain('gid://shopify/Order/5731092644099');
    expect((await deliveries()).map((d) => d.deliveryId)).not.toContain(webhookId);
  });

  it('takes orders/updated and orders/cancelled through the same intake: an unpaid order becomes payable, then cancelled', async () => {
    const unpaid = shopifyOrderFixture('pending');
    unpaid.id = 5731092644031;
    unpaid.admin_graphql_api_id = 'gid://shopify/Order/5731092644031';
    const created = await deliver({ body: unpaid });
    expect(created).toMatchObject({ status: 200, body: { outcome: 'created', status: 'awaiting_payment' } });
    const orderId = created.body.orderId as string;

    const paid = { ...unpaid, financial_status: 'paid', updated_at: '2026-11-20T11:42:00-07:00' };
    const updated = await deliver({ body: paid, topic: 'orders/updated' });
    expect(updated).toMatchObject({ status: 200, body: { outcome: 'updated', orderId, status: 'open' } });
    expect((await api('GET', `/v1/orders/${orderId}`)).body.status).toBe('open');

    // Shopify delivers in no set order: the unpaid report arriving late moves nothing back.
    const stale = await deliver({ body: unpaid, topic: 'orders/updated' });
    expect(stale).toMatchObject({ status: 200, body: { outcome: 'unchanged', orderId } });

    const cancelled = { ...paid, cancelled_at: '2026-11-20T12:05:00-07:00', updated_at: '2026-11-20T12:05:00-07:00' };
    const webhookId = randomUUID();
    const cancel = await deliver({ body: cancelled, topic: 'orders/cancelled', webhookId });
    expect(cancel).toMatchObject({ status: 200, body: { outcome: 'updated', orderId, status: 'cancelled' } });
    expect(await deliver({ body: cancelled, topic: 'orders/cancelled', webhookId })).toMatchObject({ status: 200, body: { outcome: 'repeated_delivery' } });

    const refused = await api('POST', `/v1/orders/${orderId}/dropships`, { mode: 'auto' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('This order was cancelled, so nothing is drop-shipped for it');
    const audit = await stack.db.select().from(auditEvents).where(eq(auditEvents.orderId, orderId));
    expect(audit.map((e) => e.summary)).toEqual([
      'Order gid://shopify/Order/5731092644031 taken in from Shopify: it is not paid yet, so nothing is drop-shipped until it is',
      'Shopify reports order gid://shopify/Order/5731092644031 paid: it can be drop-shipped now',
      'Shopify reports order gid://shopify/Order/5731092644031 cancelled: nothing is drop-shipped',
    ]);
    expect((await shopifyOrders()).filter((o) => o.channelOrderId === 'gid://shopify/Order/5731092644031')).toHaveLength(1);
  });

  it('checks an update as it checks a create: signed, and a malformed body is refused naming the topic', async () => {
    const body = JSON.stringify({ ...shopifyOrderFixture('paid'), financial_status: 'refunded' });
    expect((await deliver({ body, topic: 'orders/updated', secret: 'someone-elses-secret' })).status).toBe(401);
    const broken = await deliver({ body: { ...shopifyOrderFixture('paid'), line_items: [] }, topic: 'orders/cancelled' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^The Shopify order is not what an orders\/cancelled webhook carries: body.line_items/);
  });

  it('acknowledges topics it does not take in without storing anything', async () => {
    const before = (await deliveries()).length;
    const answer = await deliver({ body: shopifyOrderFixture('paid'), topic: 'orders/fulfilled' });
    expect(answer).toMatchObject({ status: 200, body: { outcome: 'ignored', topic: 'orders/fulfilled' } });
    expect(await deliveries()).toHaveLength(before);
  });
});
