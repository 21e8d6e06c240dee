import type { MarketplacePlugin } from '../plugin.js';
import { createEbayConnector } from './adapter.js';
import { ebayCarrierCode, UNLISTED_CARRIER } from './carrier-codes.js';
import { ebayAccountFields, ebayCredentials } from './credentials.js';
import { createEbayOrderSource } from './orders.js';
import { ebayProfile } from './profile.js';
import { createEbaySandbox } from './sandbox/index.js';
import { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_REFRESH_TOKEN } from './sandbox/tokens.js';

/** eBay: orders polled through the Fulfillment API, tracking pushed as shipping fulfilments. */
export const ebay = {
  profile: ebayProfile,
  credentials: ebayCredentials,
  accountFields: ebayAccountFields,
  connect: ({ secret }, { baseUrl }) => createEbayConnector({ ...ebayCredentials.parse(secret), baseUrl }),
  orderSource: ({ secret }, { baseUrl }) => createEbayOrderSource({ ...ebayCredentials.parse(secret), baseUrl }),
  carrierCode: (carrier) => {
    const code = ebayCarrierCode(carrier);
    // The name stays ours: eBay's fulfilment has no field for it.
    return code === UNLISTED_CARRIER ? { code, name: carrier.trim() } : { code };
  },
  sandbox: {
    create: createEbaySandbox,
    endpoints: (url) => ({ baseUrl: url }),
    guide: () => "eBay sandbox, the demo dealer's eBay account; orders: POST /_control/orders, fulfilments: GET /_control/orders/<id>/fulfillments",
    account: { credentials: { clientId: EBAY_SANDBOX_CLIENT_ID, clientSecret: EBAY_SANDBOX_CLIENT_SECRET, refreshToken: EBAY_SANDBOX_REFRESH_TOKEN } },
  },
} satisfies MarketplacePlugin<'ebay'>;
