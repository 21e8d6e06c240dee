import { pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { Marketplace } from '../../marketplaces/profiles.js';
import { createdAt, updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/**
 * A dealer's account on one marketplace. Tokens and secrets (Shopify access token and webhook
 * secret, eBay and Amazon app credentials and refresh token) are AES-256-GCM ciphertext under the key
 * named by credentials_key_id, exactly like distributor credentials; they are never returned by the API.
 */
export const channelAccounts = pgTable(
  'channel_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    channel: text('channel').$type<Marketplace>().notNull(),
    /** Shopify: the shop's myshopify.com domain, which its webhooks name. */
    shopDomain: text('shop_domain'),
    /** Amazon: the selling partner id and the marketplace its orders are placed in. */
    sellerId: text('seller_id'),
    marketplaceId: text('marketplace_id'),
    credentialsCiphertext: text('credentials_ciphertext'),
    credentialsKeyId: text('credentials_key_id'),
    credentialsSavedAt: timestamp('credentials_saved_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('channel_accounts_dealer_channel_uq').on(t.dealerId, t.channel)],
);
