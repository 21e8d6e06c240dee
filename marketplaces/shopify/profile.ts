import type { MarketplaceProfile } from '../profiles.js';

export const shopifyProfile = {
  id: 'shopify',
  name: 'Shopify',
  /** The order topics intake takes (webhook.ts); the dealer subscribes each to the one path. */
  intake: { kind: 'webhook', topics: ['orders/create', 'orders/updated', 'orders/cancelled'] },
  endpoints: {
    /** Every shop's Admin API at this one origin (a sandbox); unset, each shop at https://<its myshopify.com domain>. */
    adminBaseUrl: { env: 'SHOPIFY_ADMIN_BASE_URL' },
  },
  sandboxPort: { env: 'SHOPIFY_SANDBOX_PORT', default: 4108 },
} as const satisfies MarketplaceProfile;
