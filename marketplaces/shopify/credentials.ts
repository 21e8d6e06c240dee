import { z } from 'zod';
import { field } from '../fields.js';

/** The custom app's Admin API token and the secret its webhooks are signed with, as the dealer pastes them in. */
export const shopifyCredentials = z.strictObject({
  accessToken: field('Admin API access token'),
  webhookSecret: field('Webhook signing secret'),
});
export type ShopifyCredentials = z.infer<typeof shopifyCredentials>;

/** Which shop: its webhooks name it, so it is not secret and is shown back to the dealer. */
export const shopifyAccountFields = z.strictObject({
  shopDomain: field('Shop domain')
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'Shop domain must be the shop’s myshopify.com domain, e.g. ridgeline.myshopify.com'),
});
