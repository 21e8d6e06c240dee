import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findChannelAccount } from '../../db/repositories/channel-accounts.js';
import { takeInChannelOrder } from '../../db/repositories/channel-orders.js';
import { DomainError } from '../../domain/errors.js';
import type { ShopifyCredentials } from '../../marketplaces/shopify/credentials.js';
import { channelOrderFromShopify, parseShopifyOrderJson, shopifyOrderPayload } from '../../marketplaces/shopify/order-payload.js';
import { isOrderTopic, isSignedBy, WEBHOOK_HEADERS } from '../../marketplaces/shopify/webhook.js';
import { startAutoDropship } from '../../temporal/dropship-start.js';
import { cancelOrderWork } from '../../temporal/order-cancellation.js';
import type { ApiDeps } from '../deps.js';
import { errorResponses } from '../schemas/common.js';

const params = z.object({ dealerId: z.string().min(1).max(100) });

const intake = z
  .strictObject({
    outcome: z
      .enum(['created', 'updated', 'unchanged', 'dealer_told', 'repeated_delivery', 'ignored'])
      .describe('What the delivery did: ignored for a topic other than orders/create, orders/updated and orders/cancelled'),
    orderId: z.uuid().optional(),
    status: z.string().optional().describe("The order's status, when it was created or updated"),
    topic: z.string().nullable().optional().describe('The ignored topic'),
    dropshipId: z.uuid().optional().describe('The drop-ship the order started (auto-processing)'),
  })
  .describe('Taken in (or recognised as a repeat): Shopify stops retrying');

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Shopify's order webhooks (`orders/create`, `orders/updated`, `orders/cancelled`), one URL per
 * dealer, outside /v1: Shopify signs them with the dealer's webhook secret instead of sending a
 * dealer key. Nothing is stored unless the signature over the raw body holds. The delivery id is
 * recorded with the order, so Shopify's retries of a delivery (up to 8 over 4 hours) answer 200 and
 * change nothing. Every topic goes through the same intake as the eBay and Amazon polls: the first
 * report stores the order, a later one moves its status (paid, cancelled). A paid order of a dealer
 * in auto-processing starts its drop-ship at once.
 */
export function shopifyWebhookRoutes({ db, credentialsCipher, temporal, taskQueue, tracking }: ApiDeps): FastifyPluginAsyncZod {
  const starter = { client: temporal, taskQueue, tracking };
  return async (app) => {
    // The signature covers the exact bytes sent; JSON is parsed only once it holds. Scoped to this plugin.
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.post(
      '/webhooks/shopify/:dealerId',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Shopify order webhooks: orders/create, orders/updated, orders/cancelled (signed with the dealer’s webhook secret)',
          params,
          // Signed with the dealer's webhook secret instead of carrying a dealer key.
          security: [{ shopifyHmac: [] }],
          response: { 200: intake, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const { dealerId } = request.params;
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const account = await findChannelAccount(db, dealerId, 'shopify');
        const secret =
          account?.credentialsCiphertext && account.credentialsKeyId
            ? (credentialsCipher.decrypt(account.credentialsCiphertext, account.credentialsKeyId) as ShopifyCredentials).webhookSecret
            : null;
        // One answer for an unknown dealer, a missing account and a wrong signature: none tells a prober more.
        if (!secret || !isSignedBy(rawBody, secret, header(request, WEBHOOK_HEADERS.hmac))) {
          throw new DomainError('UNAUTHORIZED', 'The webhook signature (X-Shopify-Hmac-Sha256) does not match this dealer’s Shopify webhook secret');
        }
        const shop = header(request, WEBHOOK_HEADERS.shopDomain);
        if (shop?.toLowerCase() !== account!.shopDomain) {
          throw new DomainError('UNAUTHORIZED', `The webhook comes from ${shop ?? 'an unnamed shop'}, not from this dealer’s shop ${account!.shopDomain}`);
        }
        const deliveryId = header(request, WEBHOOK_HEADERS.webhookId);
        if (!deliveryId) throw new DomainError('BAD_REQUEST', 'X-Shopify-Webhook-Id is missing: without it a retried delivery cannot be recognised');
        const topic = header(request, WEBHOOK_HEADERS.topic);
        // Acknowledged, not refused: Shopify would retry a refusal and in the end drop the subscription.
        if (!isOrderTopic(topic)) return { outcome: 'ignored' as const, topic: topic ?? null };

        const { outcome, autoDropship } = await takeInChannelOrder(db, dealerId, channelOrderFromShopify(parsePayload(rawBody, topic)), {
          source: 'shopify',
          deliveryId,
          topic,
        });
        // Should this start fail, the answer is an error: Shopify redelivers, and the redelivery starts it.
        if (autoDropship) await startAutoDropship(starter, autoDropship);
        if (outcome.outcome === 'dealer_told') await cancelOrderWork(temporal, db, dealerId, outcome.orderId, 'Shopify');
        return autoDropship ? { ...outcome, dropshipId: autoDropship.dropship.id } : outcome;
      },
    );
  };
}

function parsePayload(rawBody: Buffer, topic: string) {
  let json: unknown;
  try {
    json = parseShopifyOrderJson(rawBody.toString('utf8'));
  } catch {
    throw new DomainError('BAD_REQUEST', 'The webhook body is not JSON');
  }
  const parsed = shopifyOrderPayload.safeParse(json);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({ field: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
  throw new DomainError(
    'BAD_REQUEST',
    `The Shopify order is not what an ${topic} webhook carries: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
    { fields },
  );
}
