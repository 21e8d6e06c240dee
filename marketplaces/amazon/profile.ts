import type { MarketplaceProfile } from '../profiles.js';

export const amazonProfile = {
  id: 'amazon',
  name: 'Amazon',
  intake: { kind: 'poll' },
  endpoints: {
    baseUrl: { env: 'AMAZON_SP_API_BASE_URL', default: 'https://sellingpartnerapi-na.amazon.com' },
    /** Login with Amazon, where refresh tokens are exchanged. */
    tokenUrl: { env: 'AMAZON_LWA_TOKEN_URL', default: 'https://api.amazon.com/auth/o2/token' },
  },
  sandboxPort: { env: 'AMAZON_SANDBOX_PORT', default: 4107 },
} as const satisfies MarketplaceProfile;
