import type { MarketplacePlugin } from '../plugin.js';
import { createAmazonConnector } from './adapter.js';
import { amazonCarrier } from './carrier-codes.js';
import { LWA_TOKEN_PATH, US_MARKETPLACE_ID } from './contract.js';
import { amazonAccountFields, amazonCredentials } from './credentials.js';
import { createAmazonOrderSource } from './orders.js';
import { amazonProfile } from './profile.js';
import { createAmazonSandbox } from './sandbox/index.js';
import { AMAZON_SANDBOX_CLIENT_ID, AMAZON_SANDBOX_CLIENT_SECRET, AMAZON_SANDBOX_REFRESH_TOKEN } from './sandbox/tokens.js';

/** Amazon: orders polled through SP-API Orders 2026-01-01 searchOrders, tracking pushed with Orders v0 confirmShipment; tokens from Login with Amazon. */
export const amazon = {
  profile: amazonProfile,
  credentials: amazonCredentials,
  accountFields: amazonAccountFields,
  connect: ({ secret, marketplaceId }, endpoints) =>
    createAmazonConnector({ ...amazonCredentials.parse(secret), ...endpoints, marketplaceId: marketplaceId ?? undefined }),
  orderSource: ({ secret, marketplaceId }, endpoints) =>
    createAmazonOrderSource({ ...amazonCredentials.parse(secret), ...endpoints, marketplaceId: marketplaceId ?? undefined }),
  carrierCode: (carrier) => {
    const { carrierCode, carrierName } = amazonCarrier(carrier);
    return carrierName === undefined ? { code: carrierCode } : { code: carrierCode, name: carrierName };
  },
  sandbox: {
    create: createAmazonSandbox,
    // The sandbox issues LWA tokens too.
    endpoints: (url) => ({ baseUrl: url, tokenUrl: `${url}${LWA_TOKEN_PATH}` }),
    guide: () => "Amazon SP-API sandbox, the demo dealer's Amazon account; orders: POST /_control/orders, packages: GET /_control/orders/<id>/packages",
    account: {
      credentials: { clientId: AMAZON_SANDBOX_CLIENT_ID, clientSecret: AMAZON_SANDBOX_CLIENT_SECRET, refreshToken: AMAZON_SANDBOX_REFRESH_TOKEN },
      sellerId: 'A1DROPLINESANDBOX',
      marketplaceId: US_MARKETPLACE_ID,
    },
  },
} satisfies MarketplacePlugin<'amazon'>;
