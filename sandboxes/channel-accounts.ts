import type { ChannelAccountSeed } from '../marketplaces/plugin.js';
import type { Marketplace } from '../marketplaces/profiles.js';
import { forEachMarketplace, marketplacePlugin } from '../marketplaces/registry.js';

export { SANDBOX_SHOP_DOMAIN, SANDBOX_SHOPIFY_WEBHOOK_SECRET } from '../marketplaces/shopify/index.js';

/** Accounts the marketplace sandboxes accept, for the local run and tests. */
export const SANDBOX_CHANNEL_ACCOUNTS: Record<Marketplace, ChannelAccountSeed> = forEachMarketplace((channel) => marketplacePlugin(channel).sandbox.account);
