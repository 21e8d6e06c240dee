import type { ScheduleHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder } from '../../db/repositories/orders.js';
import { channelOrderCursors, dealers, dropships, orderNotes, orders, shippingMappings } from '../../db/schema/index.js';
import { isValidTrackingNumber } from '../../distributors/carriers.js';
import { AMAZON_SANDBOX_CLIENT_ID, AMAZON_SANDBOX_CLIENT_SECRET, AMAZON_SANDBOX_REFRESH_TOKEN } from '../../marketplaces/amazon/sandbox/index.js';
import { SANDBOX_SHOP_DOMAIN, SANDBOX_SHOPIFY_WEBHOOK_SECRET } from '../../sandboxes/channel-accounts.js';
import type { ShopifyFulfillment, ShopifyOrder } from '../../marketplaces/shopify/sandbox/index.js';
import { ORDER_POLLING, saveChannelOrderSchedule, type OrderPolling } from '../../temporal/channel-order-schedule.js';
import { dealerApi } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { deliverShopifyWebhook, shopifyOrderFixture } from '../helpers/shopify-webhook.js';
import { startStack, type Stack } from '../helpers/stack.js';

const post = async (url: string, body: unknown = {}) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as any;
};

/** The numeric id at the end of a Shopify global id. */
const numericId = (gid: string) => Number(gid.split('/').pop());

/**
 * Marketplace orders from intake to tracking, over real HTTP end to end: the signed Shopify
 * orders/create webhook of an auto-processing dealer starts the drop-ship, WPS ships it in packages,
 * and each package reaches the buyer (Resend sandbox), the order's notes and the shop (Shopify
 * sandbox) once. The dealer's marketplace accounts are connected to the sandboxes like any account:
 * the worker loads and decrypts them for each push. Packages that must not be pushed (an invalid
 * tracking number, a channel not connected) land in the dealer's exception inbox.
 */
describe('marketplace orders: intake → auto drop-ship → packages → buyer emails, channel fulfilments, notes', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  const schedules: ScheduleHandle[] = [];

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: true, channelAccounts: true, pollIntervalMs: 500 });
    await stack.db.update(dealers).set({ emailReplyTo: 'parts@ridgeline.example' }).where(eq(dealers.id, stack.dealerId));
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => {
    await Promise.all(schedules.map((schedule) => schedule.delete()));
    await stack?.stop();
  });

  /** An order in the Shopify sandbox, and the orders/create webhook the shop sends for it. */
  async function shopifyOrder(buyerEmail: string) {
    const order = (
      await post(`${stack.shopifyUrl}/_control/orders`, {
        lineItems: [
          { quantity: 1, sku: 'HELMET-MX-M' },
          { quantity: 2, sku: 'OIL-FILTER-204' },
        ],
      })
    ).data as ShopifyOrder;
    const body = shopifyOrderFixture('paid');
    body.id = numericId(order.id);
    body.admin_graphql_api_id = order.id;
    body.email = buyerEmail;
    body.customer.email = buyerEmail;
    body.line_items = order.lineItems.map((item, index) => ({
      id: numericId(item.id),
      sku: item.sku,
      variant_id: null,
      title: item.name,
      quantity: item.quantity,
      price: index === 0 ? '129.95' : '12.95',
    }));
    const webhook = (webhookId = randomUUID(), topic = 'orders/create') =>
      deliverShopifyWebhook(stack.app, stack.dealerId, { body, webhookId, topic, shop: SANDBOX_SHOP_DOMAIN, secret: SANDBOX_SHOPIFY_WEBHOOK_SECRET });
    return { order, webhook, body };
  }

  const dropshipsOf = (orderId: string) => stack.db.select().from(dropships).where(eq(dropships.orderId, orderId));
  const fulfillmentsOf = async (order: ShopifyOrder) =>
    ((await (await fetch(`${stack.shopifyUrl}/_control/orders/${numericId(order.id)}/fulfillments`)).json()) as { data: ShopifyFulfillment[] }).data;
  const emailsTo = (address: string) => stack.resend.state.emails.filter((email) => email.to.includes(address));

  /** Connects the Amazon account through the API, which creates its poll schedule, and retimes that schedule. */
  async function amazonSchedule(polling: OrderPolling) {
    const account = {
      sellerId: 'A1DROPLINESANDBOX',
      credentials: { clientId: AMAZON_SANDBOX_CLIENT_ID, clientSecret: AMAZON_SANDBOX_CLIENT_SECRET, refreshToken: AMAZON_SANDBOX_REFRESH_TOKEN },
    };
    expect((await api('PUT', '/v1/channel-accounts/amazon', account)).status).toBe(200);
    const created = stack.client.schedule.getHandle(`channel-orders:${stack.dealerId}:amazon`);
    const { taskQueue } = (await created.describe()).action as { taskQueue: string };
    const schedule = await saveChannelOrderSchedule(stack.client, taskQueue, { dealerId: stack.dealerId, channel: 'amazon' }, polling);
    schedules.push(schedule);
    return schedule;
  }

  async function placedPo(dropshipId: string) {
    return eventually(async () => {
      const state = await api('GET', `/v1/dropships/${dropshipId}`);
      const poNumber = state.body.purchaseOrders?.[0]?.poNumber as string | undefined;
      return poNumber && stack.wps.state.orders.some((o) => o.po_number === poNumber) ? poNumber : undefined;
    }, 'the PO placed with WPS');
  }

  it('drop-ships a paid Shopify order automatically and tells buyer, order and shop once per package', async () => {
    const { order, webhook } = await shopifyOrder('morgan.hill@example.com');
    const webhookId = randomUUID();
    const taken = await webhook(webhookId);
    expect(taken).toMatchObject({ status: 200, body: { outcome: 'created', status: 'open', dropshipId: expect.any(String) } });
    const orderId = taken.body.orderId as string;

    // Shopify retrying the delivery, and a second subscription delivering the same order, start nothing more.
    expect(await webhook(webhookId)).toMatchObject({ status: 200, body: { outcome: 'repeated_delivery' } });
    expect(await webhook()).toMatchObject({ status: 200, body: { outcome: 'unchanged', orderId } });
    expect((await dropshipsOf(orderId)).map((d) => [d.id, d.mode, d.sequence])).toEqual([[taken.body.dropshipId, 'auto', 1]]);

    const poNumber = await placedPo(taken.body.dropshipId);
    const shipped = await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, {
      packages: [{ items: [{ sku: '87-9934', quantity: 1 }] }, { items: [{ sku: '26-1105', quantity: 2 }] }],
    });
    const details = shipped.data.order_details as Array<{ order_status: string; tracking_numbers: string[]; items: Array<{ sku: string }> }>;
    const trackingOf = (sku: string) => details.find((d) => d.order_status === 'SHIPPED' && d.items.some((item) => item.sku === sku))!.tracking_numbers[0]!;
    const [helmetTracking, filterTracking] = [trackingOf('87-9934'), trackingOf('26-1105')];
    const trackingNumbers = [helmetTracking, filterTracking];
    expect(new Set(trackingNumbers).size).toBe(2);

    await eventually(
      async () => ((await api('GET', `/v1/dropships/${taken.body.dropshipId}`)).body.phase === 'completed' ? true : undefined),
      'the drop-ship to complete',
    );
    const fulfillments = await eventually(async () => {
      const found = await fulfillmentsOf(order);
      return found.length === 2 ? found : undefined;
    }, 'two Shopify fulfillments');
    const emails = await eventually(
      async () => (emailsTo('morgan.hill@example.com').length === 2 ? emailsTo('morgan.hill@example.com') : undefined),
      'two buyer emails',
    );
    const notes = await eventually(async () => {
      const rows = await stack.db.select().from(orderNotes).where(eq(orderNotes.orderId, orderId));
      return rows.length === 2 ? rows : undefined;
    }, 'two order notes');

    // One email per package, from the dealer (replies go to the dealer too), each with its own carrier tracking link.
    for (const tracking of trackingNumbers) {
      const email = emails.find((e) => e.text?.includes(tracking));
      expect(email, `the email for ${tracking}`).toBeDefined();
      expect(email!.from).toBe('Ridge Line Powersports <orders@ridgeline.example>');
      expect(email!.replyTo).toEqual('parts@ridgeline.example');
      expect(email!.html).toContain(`https://www.ups.com/track?tracknum=${tracking}`);
      expect(email!.text).toContain(`https://www.ups.com/track?tracknum=${tracking}`);
      expect(email!.idempotencyKey).toBe(`shipped-email/${stack.dealerId}/${poNumber}/${tracking}`);
    }

    // One fulfillment per package, carrying that package's lines and tracking; the buyer is not emailed twice by Shopify.
    const lineItemOf = new Map(order.fulfillmentOrders.flatMap((fo) => fo.lineItems.map((item) => [item.id, item.lineItemId])));
    const pushed = fulfillments.map((f) => ({
      tracking: f.trackingInfo.map((info) => [info.company, info.number]),
      lines: f.lineItems.map((line) => [lineItemOf.get(line.fulfillmentOrderLineItemId), line.quantity]),
      notifyCustomer: f.notifyCustomer,
    }));
    expect(pushed).toEqual(
      expect.arrayContaining([
        { tracking: [['UPS', helmetTracking]], lines: [[order.lineItems[0]!.id, 1]], notifyCustomer: false },
        { tracking: [['UPS', filterTracking]], lines: [[order.lineItems[1]!.id, 2]], notifyCustomer: false },
      ]),
    );
    expect(notes.map((n) => n.body).sort()).toEqual(trackingNumbers.map((t) => `Western Power Sports shipped PO ${poNumber} via UPS, tracking ${t}`).sort());
    const [stored] = await stack.db.select().from(orders).where(eq(orders.id, orderId));
    expect(stored!.status).toBe('shipped');

    // Nothing more arrives later: still one WPS order, two emails, two fulfillments.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(stack.wps.state.orders.filter((o) => o.po_number === poNumber)).toHaveLength(1);
    expect(emailsTo('morgan.hill@example.com')).toHaveLength(2);
    expect(await fulfillmentsOf(order)).toHaveLength(2);
  });

  it('starts nothing for an order that arrives cancelled or unpaid, even in auto mode', async () => {
    for (const name of ['cancelled', 'pending'] as const) {
      const taken = await deliverShopifyWebhook(stack.app, stack.dealerId, {
        body: shopifyOrderFixture(name),
        shop: SANDBOX_SHOP_DOMAIN,
        secret: SANDBOX_SHOPIFY_WEBHOOK_SECRET,
      });
      expect(taken).toMatchObject({ status: 200, body: { outcome: 'created', status: name === 'cancelled' ? 'cancelled' : 'awaiting_payment' } });
      expect(taken.body.dropshipId).toBeUndefined();
      expect(await dropshipsOf(taken.body.orderId)).toEqual([]);
    }
  });

  it('starts the drop-ship of an unpaid order when orders/updated reports it paid, and tells the dealer when orders/cancelled follows', async () => {
    const { webhook, body } = await shopifyOrder('jo.paid-later@example.com');
    body.financial_status = 'pending';
    const taken = await webhook();
    expect(taken).toMatchObject({ status: 200, body: { outcome: 'created', status: 'awaiting_payment' } });
    const orderId = taken.body.orderId as string;
    expect(await dropshipsOf(orderId)).toEqual([]);

    Object.assign(body, { financial_status: 'paid', updated_at: '2026-11-20T09:30:00-07:00' });
    const paid = await webhook(randomUUID(), 'orders/updated');
    expect(paid).toMatchObject({ status: 200, body: { outcome: 'updated', orderId, status: 'open', dropshipId: expect.any(String) } });
    await placedPo(paid.body.dropshipId);

    Object.assign(body, { cancelled_at: '2026-11-20T10:00:00-07:00', updated_at: '2026-11-20T10:00:00-07:00' });
    const cancelled = await webhook(randomUUID(), 'orders/cancelled');
    expect(cancelled).toMatchObject({ status: 200, body: { outcome: 'dealer_told', orderId } });
    const inbox = await api('GET', '/v1/exceptions?status=open');
    // The fixture's order is weeks old, so its ship-by date has passed as well (ship_by_at_risk).
    const kinds = (inbox.body.exceptions as any[]).filter((e) => e.order?.id === orderId).map((e) => e.kind);
    expect(kinds.filter((kind) => kind === 'order_cancelled_on_channel')).toHaveLength(1);
  });

  it('does not push a tracking number that fails its check digit: the dealer sees it as an exception', async () => {
    const invalid = '1Z999AA10123456785';
    expect(isValidTrackingNumber('UPS', invalid)).toBe(false);
    const { order, webhook } = await shopifyOrder('sam.ridge@example.com');
    const taken = await webhook();
    const poNumber = await placedPo(taken.body.dropshipId);

    await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, {
      packages: [
        {
          items: [
            { sku: '87-9934', quantity: 1 },
            { sku: '26-1105', quantity: 2 },
          ],
          carrier: 'UPS',
          tracking_number: invalid,
        },
      ],
    });
    const exception = await eventually(async () => {
      const inbox = await api('GET', '/v1/exceptions?status=open');
      return (inbox.body.exceptions as any[] | undefined)?.find((e) => e.poNumber === poNumber && e.kind !== 'ship_by_at_risk');
    }, 'the exception for the dealer');
    expect(exception).toMatchObject({ kind: 'notification_failed' });
    expect(exception.message).toContain(`${invalid} is not a valid UPS tracking number, so it was not sent to Shopify`);
    expect(await fulfillmentsOf(order)).toEqual([]);
  });

  it('takes an Amazon order in through searchOrders with its recipient (no Restricted Data Token), drop-ships it to that address and confirms the package on Amazon', async () => {
    await stack.db
      .insert(shippingMappings)
      .values({ dealerId: stack.dealerId, channel: 'amazon', rateName: 'STANDARD', distributor: 'wps', methodCode: 'BEST' });
    // The Amazon sandbox keeps Amazon's two-minute rule, so the poll runs with the production timing
    // (it stops three minutes short of now); the order was updated ten minutes ago, after the cursor.
    const schedule = await amazonSchedule({ ...ORDER_POLLING, everyMs: 365 * 24 * 3_600_000 });
    await stack.db
      .update(channelOrderCursors)
      .set({ modifiedThrough: new Date(Date.now() - 30 * 60_000) })
      .where(and(eq(channelOrderCursors.dealerId, stack.dealerId), eq(channelOrderCursors.channel, 'amazon')));
    const latestShipDate = new Date(Date.now() + 36 * 3_600_000).toISOString();
    await post(`${stack.amazonUrl}/_control/orders`, {
      orderId: '114-0000001-0000042',
      lastUpdatedTime: new Date(Date.now() - 10 * 60_000).toISOString(),
      latestShipDate,
      buyer: { name: 'Jordan Pike', email: 'jordan.pike@marketplace.amazon.com' },
      shippingAddress: {
        Name: 'Jordan Pike',
        AddressLine1: '18 Trailhead Loop',
        AddressLine2: 'Apt 3',
        City: 'Moab',
        StateOrRegion: 'UT',
        PostalCode: '84532',
        CountryCode: 'US',
        Phone: '+1 435 555 0142',
      },
      orderItems: [{ orderItemId: '61000000000042', quantityOrdered: 1, sellerSku: 'HELMET-MX-M', price: '129.95' }],
    });

    await schedule.trigger();
    const stored = await eventually(
      async () =>
        (
          await stack.db
            .select()
            .from(orders)
            .where(and(eq(orders.dealerId, stack.dealerId), eq(orders.channelOrderId, '114-0000001-0000042')))
        )[0],
      'the Amazon order taken in',
    );
    expect(stored).toMatchObject({
      buyerName: 'Jordan Pike',
      buyerEmail: 'jordan.pike@marketplace.amazon.com',
      shipTo: { name: 'Jordan Pike', line1: '18 Trailhead Loop', line2: 'Apt 3', city: 'Moab', region: 'UT', postalCode: '84532', country: 'US' },
      shippingRateName: 'STANDARD',
    });
    // Intake read Orders 2026-01-01 only: nothing of Orders v0 and no Tokens API.
    expect(new Set(stack.amazon.state.requests.filter((r) => r.method === 'GET').map((r) => r.path))).toEqual(new Set(['/orders/2026-01-01/orders']));

    // Auto-processing drop-ships it to the recipient Amazon named.
    const [dropship] = await eventually(async () => {
      const found = await dropshipsOf(stored.id);
      return found.length > 0 ? found : undefined;
    }, 'the drop-ship');
    const poNumber = await placedPo(dropship!.id);
    expect(stack.wps.state.purchaseOrders.get(poNumber)).toMatchObject({
      ship_name: 'Jordan Pike',
      ship_address: '18 Trailhead Loop',
      ship_city: 'Moab',
      ship_state: 'UT',
      ship_zip: '84532',
    });

    const shipped = await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`);
    const tracking = shipped.data.order_details[0].tracking_numbers[0] as string;
    const packages = await eventually(async () => {
      const found = ((await (await fetch(`${stack.amazonUrl}/_control/orders/114-0000001-0000042/packages`)).json()) as { data: any[] }).data;
      return found.length > 0 ? found : undefined;
    }, 'the Amazon package');
    expect(packages).toEqual([
      expect.objectContaining({ carrierCode: 'UPS', trackingNumber: tracking, orderItems: [{ orderItemId: '61000000000042', quantity: 1 }] }),
    ]);
  });

  it('puts a push to a channel the dealer has not connected in front of the dealer, without retrying', async () => {
    expect((await api('DELETE', '/v1/channel-accounts/ebay/credentials')).status).toBe(204);
    const { id: orderId } = await createOrder(stack.db, {
      dealerId: stack.dealerId,
      channel: 'ebay',
      channelOrderId: '12-34567-89012',
      buyer: { name: 'Rae Dunes', email: 'rae.dunes@example.com' },
      shipTo: { name: 'Rae Dunes', line1: '77 Sand Hollow', city: 'Boise', region: 'ID', postalCode: '83706', country: 'US' },
      shippingRateName: 'Standard Shipping',
      lines: [{ sku: 'HELMET-MX-M', quantity: 1, unitPriceCents: 12995, channelLineId: '10001' }],
    });
    const started = await api('POST', `/v1/orders/${orderId}/dropships`, { mode: 'auto' });
    const poNumber = await placedPo(started.body.id);
    await post(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`);

    const exception = await eventually(async () => {
      const inbox = await api('GET', '/v1/exceptions?status=open');
      return (inbox.body.exceptions as any[] | undefined)?.find((e) => e.poNumber === poNumber);
    }, 'the exception for the dealer');
    expect(exception.message).toContain('No eBay account is connected for this dealer');
    await eventually(
      async () => ((await api('GET', `/v1/dropships/${started.body.id}`)).body.phase === 'completed' ? true : undefined),
      'the drop-ship to complete',
    );
    expect(emailsTo('rae.dunes@example.com')).toHaveLength(1);
    const [stored] = await stack.db
      .select()
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.dealerId, stack.dealerId)));
    expect(stored!.status).toBe('shipped');
  });
});
