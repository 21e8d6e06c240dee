import { z } from 'zod';
import type { Marketplace } from '../domain/channel-orders.js';
import { US_MARKETPLACE_ID } from './amazon/contract.js';

const field = (label: string, max = 200) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/**
 * What each marketplace authenticates with, as the dealer pastes it in. The settings API checks new
 * credentials against these before encrypting them; the worker's loaders read them back. eBay and
 * Amazon refresh tokens are long (hundreds of characters), hence the larger limit.
 */
export const CHANNEL_CREDENTIALS = {
  shopify: z.strictObject({
    accessToken: field('Admin API access token'),
    webhookSecret: field('Webhook signing secret'),
  }),
  ebay: z.strictObject({
    clientId: field('App ID (client id)'),
    clientSecret: field('Cert ID (client secret)'),
    refreshToken: field('Refresh token', 4000),
  }),
  amazon: z.strictObject({
    clientId: field('LWA client id'),
    clientSecret: field('LWA client secret'),
    refreshToken: field('Refresh token', 4000),
  }),
} satisfies Record<Marketplace, z.ZodType<Record<string, string>>>;

export type ShopifyCredentials = z.infer<typeof CHANNEL_CREDENTIALS.shopify>;

/** Which account the credentials belong to: not secret, shown back to the dealer. */
export const CHANNEL_ACCOUNT_FIELDS = {
  shopify: z.strictObject({
    shopDomain: field('Shop domain')
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'Shop domain must be the shop’s myshopify.com domain, e.g. ridgeline.myshopify.com'),
  }),
  ebay: z.strictObject({}),
  amazon: z.strictObject({
    sellerId: field('Seller id', 40),
    marketplaceId: field('Marketplace id', 40).default(US_MARKETPLACE_ID),
  }),
} satisfies Record<Marketplace, z.ZodType>;
