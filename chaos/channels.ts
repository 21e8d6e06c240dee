import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SANDBOX_SHOP_DOMAIN, SANDBOX_SHOPIFY_WEBHOOK_SECRET } from '../sandboxes/channel-accounts.js';
import { AMAZON_SHIPPING_RATE, itemOf, SHIPPING_RATE } from './catalog.js';
import type { PlannedDropship } from './plan.js';
import { DEALER_ID, type ChaosSystem } from './system.js';

/** How each planned order reaches Dropline, as it would for a real dealer. */

const dollars = (cents: number) => (cents / 100).toFixed(2);
const numericId = (gid: string) => gid.split('/').pop()!;
const SHIP_TO = { name: 'Chaos Buyer', line1: '12 Trail Rd', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' };

/** POSTs JSON; transport errors and 5xx are retried (a few times, a few seconds apart), as a channel retries a delivery. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  let last = '';
  for (let attempt = 1; attempt <= 15; attempt++) {
    try {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: raw,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.status < 500) return { status: response.status, body: text ? JSON.parse(text) : null };
      last = `${response.status} ${text.slice(0, 300)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(`POST ${url} kept failing: ${last}`);
}

const expectOk = (what: string, answer: { status: number; body: any }) => {
  if (answer.status >= 300) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer.body;
};

/**
 * eBay and Amazon order ids in their own formats, derived from the plan id, so a rerun of the same
 * drop-ship (`--only`) gets the same id and the faults recorded against it find it again.
 */
export function marketplaceOrderId(channel: 'ebay' | 'amazon', plannedId: string): string {
  const number = plannedId.replace(/\D/g, '');
  return channel === 'ebay' ? `27-00000-${number.padStart(5, '0')}` : `113-0000000-${number.padStart(7, '0')}`;
}

/** Places the planned order on its channel; resolves to the channel's order id. */
export async function deliverOrder(system: ChaosSystem, planned: PlannedDropship): Promise<string> {
  const { urls } = system;
  switch (planned.channel) {
    case 'website': {
      const channelOrderId = `WEB-${planned.id}`;
      expectOk(
        'website order',
        await post(
          `${system.apiUrl}/v1/orders`,
          {
            channelOrderId,
            buyer: { name: 'Chaos Buyer', email: planned.buyerEmail },
            shipTo: SHIP_TO,
            shippingRateName: SHIPPING_RATE,
            lines: planned.lines.map((l) => ({ sku: l.dealerSku, quantity: l.quantity, unitPrice: itemOf(l.dealerSku).priceCents / 100 })),
          },
          { authorization: `Bearer ${system.apiKey}` },
        ),
      );
      return channelOrderId;
    }
    case 'ebay': {
      const order = expectOk(
        'eBay sandbox order',
        await post(`${urls.ebay}/_control/orders`, {
          orderId: marketplaceOrderId('ebay', planned.id),
          shippingServiceCode: SHIPPING_RATE,
          shipTo: {
            fullName: 'Chaos Buyer',
            email: planned.buyerEmail,
            contactAddress: {
              addressLine1: SHIP_TO.line1,
              city: SHIP_TO.city,
              stateOrProvince: SHIP_TO.region,
              postalCode: SHIP_TO.postalCode,
              countryCode: 'US',
            },
          },
          lineItems: planned.lines.map((l) => ({ quantity: l.quantity, sku: l.dealerSku, price: dollars(itemOf(l.dealerSku).priceCents) })),
        }),
      ).data;
      return order.orderId as string;
    }
    case 'amazon': {
      const order = expectOk(
        'Amazon sandbox order',
        await post(`${urls.amazon}/_control/orders`, {
          orderId: marketplaceOrderId('amazon', planned.id),
          serviceLevel: AMAZON_SHIPPING_RATE,
          buyer: { name: 'Chaos Buyer', email: planned.buyerEmail },
          shippingAddress: {
            Name: 'Chaos Buyer',
            AddressLine1: SHIP_TO.line1,
            City: SHIP_TO.city,
            StateOrRegion: SHIP_TO.region,
            PostalCode: SHIP_TO.postalCode,
            CountryCode: 'US',
          },
          orderItems: planned.lines.map((l) => ({ quantityOrdered: l.quantity, sellerSku: l.dealerSku, price: dollars(itemOf(l.dealerSku).priceCents) })),
        }),
      ).data;
      return order.orderId as string;
    }
    case 'shopify': {
      const order = expectOk(
        'Shopify sandbox order',
        await post(`${urls.shopify}/_control/orders`, { lineItems: planned.lines.map((l) => ({ quantity: l.quantity, sku: l.dealerSku })) }),
      ).data as { id: string; lineItems: Array<{ id: string; sku: string; name: string; quantity: number }> };
      const body = shopifyOrderCreated(order, planned);
      const raw = JSON.stringify(body);
      const webhookId = randomUUID();
      // Shopify retries a delivery with the same webhook id until it gets a 2xx.
      expectOk(
        'Shopify webhook',
        await post(`${system.apiUrl}/webhooks/shopify/${DEALER_ID}`, raw, {
          'x-shopify-topic': 'orders/create',
          'x-shopify-shop-domain': SANDBOX_SHOP_DOMAIN,
          'x-shopify-webhook-id': webhookId,
          'x-shopify-api-version': '2026-10',
          'x-shopify-hmac-sha256': createHmac('sha256', SANDBOX_SHOPIFY_WEBHOOK_SECRET).update(raw, 'utf8').digest('base64'),
        }),
      );
      // Dropline knows a Shopify order by its global id.
      return order.id;
    }
  }
}

const FIXTURE = new URL('../test/fixtures/shopify/orders-create-paid.json', import.meta.url);

/** The orders/create body Shopify sends for the sandbox order (a recorded body, with this order's ids, buyer and lines). */
function shopifyOrderCreated(order: { id: string; lineItems: Array<{ id: string; sku: string; name: string; quantity: number }> }, planned: PlannedDropship) {
  const body = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, any>;
  body.id = Number(numericId(order.id));
  body.admin_graphql_api_id = order.id;
  body.name = `#C${planned.id}`;
  body.email = planned.buyerEmail;
  body.customer.email = planned.buyerEmail;
  body.shipping_lines = [{ ...body.shipping_lines[0], title: SHIPPING_RATE }];
  body.line_items = order.lineItems.map((item) => ({
    id: Number(numericId(item.id)),
    admin_graphql_api_id: item.id,
    sku: item.sku,
    variant_id: null,
    title: item.name,
    quantity: item.quantity,
    fulfillable_quantity: item.quantity,
    price: dollars(itemOf(item.sku).priceCents),
  }));
  return body;
}

/** The marketplace cancels the order on its side (the buyer asked, the marketplace agreed). */
export async function cancelOnChannel(system: ChaosSystem, channel: 'ebay' | 'amazon', channelOrderId: string): Promise<void> {
  const change = channel === 'ebay' ? { cancelled: true } : { status: 'Canceled' };
  expectOk(`${channel} cancellation`, await post(`${system.urls[channel]}/_control/orders/${channelOrderId}`, change));
}
