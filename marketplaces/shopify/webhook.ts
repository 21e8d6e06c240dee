import { createHmac, timingSafeEqual } from 'node:crypto';
import { shopifyProfile } from './profile.js';

/** [DOC] external-apis §5.3: the headers of every webhook delivery. */
export const WEBHOOK_HEADERS = {
  hmac: 'x-shopify-hmac-sha256',
  topic: 'x-shopify-topic',
  shopDomain: 'x-shopify-shop-domain',
  /** The same for every retry of one delivery: the dedupe key. */
  webhookId: 'x-shopify-webhook-id',
} as const;

/**
 * [DOC] The order topics intake takes, each carrying the whole order as the create webhook does:
 * `orders/updated` brings a payment that arrived later (an order created unpaid could otherwise never
 * become payable), `orders/cancelled` a cancellation. Shopify does not promise to deliver them in order.
 */
export const ORDER_TOPICS = shopifyProfile.intake.topics;
export type OrderTopic = (typeof ORDER_TOPICS)[number];

export const isOrderTopic = (topic: string | undefined): topic is OrderTopic => (ORDER_TOPICS as readonly string[]).includes(topic ?? '');

/**
 * [DOC] The signature is base64(HMAC-SHA256(raw body, webhook secret)), computed over the exact
 * bytes sent: a body parsed and serialised again would not match. Compared in constant time.
 */
export function isSignedBy(rawBody: Buffer, secret: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
