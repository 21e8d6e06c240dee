import type { Marketplace } from '../domain/channel-orders.js';
import { AMAZON_SANDBOX_CLIENT_ID, AMAZON_SANDBOX_CLIENT_SECRET, AMAZON_SANDBOX_REFRESH_TOKEN } from '../marketplaces/amazon/sandbox/tokens.js';
import { US_MARKETPLACE_ID } from '../marketplaces/amazon/contract.js';
import { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_REFRESH_TOKEN } from '../marketplaces/ebay/sandbox/tokens.js';
import { SHOPIFY_SANDBOX_ACCESS_TOKEN } from '../marketplaces/shopify/sandbox/index.js';

/** The shop the Shopify sandbox stands in for, as its webhooks name it. */
export const SANDBOX_SHOP_DOMAIN = 'ridgeline.myshopify.com';
/** What the sandbox shop signs its webhooks with. */
export const SANDBOX_SHOPIFY_WEBHOOK_SECRET = 'shopify-sandbox-webhook-secret-0123456789';

export interface ChannelAccountSeed {
  credentials: Record<string, string>;
  shopDomain?: string;
  sellerId?: string;
  marketplaceId?: string;
}

/** Accounts the eBay, Amazon and Shopify sandboxes accept, for the local run and tests. */
export const SANDBOX_CHANNEL_ACCOUNTS: Record<Marketplace, ChannelAccountSeed> = {
  ebay: { credentials: { clientId: EBAY_SANDBOX_CLIENT_ID, clientSecret: EBAY_SANDBOX_CLIENT_SECRET, refreshToken: EBAY_SANDBOX_REFRESH_TOKEN } },
  amazon: {
    credentials: { clientId: AMAZON_SANDBOX_CLIENT_ID, clientSecret: AMAZON_SANDBOX_CLIENT_SECRET, refreshToken: AMAZON_SANDBOX_REFRESH_TOKEN },
    sellerId: 'A1DROPLINESANDBOX',
    marketplaceId: US_MARKETPLACE_ID,
  },
  shopify: {
    credentials: { accessToken: SHOPIFY_SANDBOX_ACCESS_TOKEN, webhookSecret: SANDBOX_SHOPIFY_WEBHOOK_SECRET },
    shopDomain: SANDBOX_SHOP_DOMAIN,
  },
};
