import type { MarketplacePlugin } from '../plugin.js';
import { createShopifyConnector } from './adapter.js';
import { shopifyTrackingCompany } from './carrier-codes.js';
import { shopifyAccountFields, shopifyCredentials } from './credentials.js';
import { shopifyProfile } from './profile.js';
import { createShopifySandbox, SHOPIFY_SANDBOX_ACCESS_TOKEN } from './sandbox/index.js';

/** The shop the Shopify sandbox stands in for, as its webhooks name it. */
export const SANDBOX_SHOP_DOMAIN = 'ridgeline.myshopify.com';
/** What the sandbox shop signs its webhooks with. */
export const SANDBOX_SHOPIFY_WEBHOOK_SECRET = 'shopify-sandbox-webhook-secret-0123456789';

/**
 * Shopify: orders arrive by the signed `orders/create`, `orders/updated` and `orders/cancelled`
 * webhooks (api/routes/shopify-webhooks.ts), tracking is pushed with the Admin GraphQL
 * `fulfillmentCreate`, each shop at its own origin.
 */
export const shopify = {
  profile: shopifyProfile,
  credentials: shopifyCredentials,
  accountFields: shopifyAccountFields,
  connect: ({ secret, shopDomain }, { adminBaseUrl }) =>
    createShopifyConnector({ shopUrl: adminBaseUrl ?? `https://${shopDomain}`, accessToken: shopifyCredentials.parse(secret).accessToken }),
  carrierCode: (carrier) => ({ code: shopifyTrackingCompany(carrier) }),
  sandbox: {
    create: createShopifySandbox,
    endpoints: (url) => ({ adminBaseUrl: url }),
    guide: ({ apiUrl, dealerId }) =>
      `shop ${SANDBOX_SHOP_DOMAIN}; orders: POST /_control/orders, then its orders/create (later orders/updated, orders/cancelled) webhooks to ${apiUrl}/webhooks/shopify/${dealerId} signed with "${SANDBOX_SHOPIFY_WEBHOOK_SECRET}"`,
    account: {
      credentials: { accessToken: SHOPIFY_SANDBOX_ACCESS_TOKEN, webhookSecret: SANDBOX_SHOPIFY_WEBHOOK_SECRET },
      shopDomain: SANDBOX_SHOP_DOMAIN,
    },
  },
} satisfies MarketplacePlugin<'shopify'>;
