import type { MarketplaceProfile } from '../profiles.js';

export const ebayProfile = {
  id: 'ebay',
  name: 'eBay',
  intake: { kind: 'poll' },
  endpoints: { baseUrl: { env: 'EBAY_BASE_URL', default: 'https://api.ebay.com' } },
  sandboxPort: { env: 'EBAY_SANDBOX_PORT', default: 4106 },
} as const satisfies MarketplaceProfile;
