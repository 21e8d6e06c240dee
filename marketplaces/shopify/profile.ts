import type { MarketplaceProfile } from '../profiles.js';

export const shopifyProfile = {
  id: 'shopify',
  name: 'Shopify',
  intake: { kind: 'webhook', topic: 'orders/create' },
  endpoints: {
    /** Every shop's Admin API at this one origin (a sandbox); unset, each shop at https://<its myshopify.com domain>. */
    adminBaseUrl: { env: 'SHOPIFY_ADMIN_BASE_URL' },
  },
  sandboxPort: { env: 'SHOPIFY_SANDBOX_PORT', default: 4108 },
} as const satisfies MarketplaceProfile;
