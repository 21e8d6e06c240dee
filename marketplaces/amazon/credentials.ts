import { z } from 'zod';
import { field } from '../fields.js';
import { US_MARKETPLACE_ID } from './contract.js';

/** The LWA app's keys and the seller's refresh token (hundreds of characters), as the dealer pastes them in. */
export const amazonCredentials = z.strictObject({
  clientId: field('LWA client id'),
  clientSecret: field('LWA client secret'),
  refreshToken: field('Refresh token', 4000),
});

/** Which selling account, and the marketplace its orders are placed in: not secret, shown back to the dealer. */
export const amazonAccountFields = z.strictObject({
  sellerId: field('Seller id', 40),
  marketplaceId: field('Marketplace id', 40).default(US_MARKETPLACE_ID),
});
