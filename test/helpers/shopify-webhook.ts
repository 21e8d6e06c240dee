import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

export const SHOP_DOMAIN = 'ridgeline-moto.myshopify.com';
export const WEBHOOK_SECRET = 'shopify-webhook-secret-0123456789abcdef';

/** A recorded-style orders/create body from test/fixtures/shopify. */
export function shopifyOrderFixture(name: 'paid' | 'cancelled' | 'pending'): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`../fixtures/shopify/orders-create-${name}.json`, import.meta.url), 'utf8'));
}

/** Shopify's signature, computed here on its own so the test does not trust the code it checks. */
export const sign = (body: string, secret = WEBHOOK_SECRET) => createHmac('sha256', secret).update(body, 'utf8').digest('base64');

export interface Delivery {
  /** Sent byte for byte; an object is serialised first. */
  body: string | object;
  webhookId?: string;
  topic?: string;
  shop?: string;
  /** Overrides the signature of `body` with `secret`. */
  signature?: string | null;
  secret?: string;
}

/** Delivers a webhook to the dealer's URL as Shopify does, signed unless told otherwise. */
export async function deliverShopifyWebhook(app: FastifyInstance, dealerId: string, delivery: Delivery) {
  const body = typeof delivery.body === 'string' ? delivery.body : JSON.stringify(delivery.body);
  const signature = delivery.signature === undefined ? sign(body, delivery.secret) : delivery.signature;
  const response = await app.inject({
    method: 'POST',
    url: `/webhooks/shopify/${dealerId}`,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': delivery.topic ?? 'orders/create',
      'x-shopify-shop-domain': delivery.shop ?? SHOP_DOMAIN,
      'x-shopify-webhook-id': delivery.webhookId ?? randomUUID(),
      'x-shopify-api-version': '2026-10',
      ...(signature === null ? {} : { 'x-shopify-hmac-sha256': signature }),
    },
    payload: body,
  });
  return { status: response.statusCode, body: (response.body ? response.json() : null) as any };
}
