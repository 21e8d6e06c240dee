import { z } from 'zod';
import { field } from '../fields.js';

/** An eBay app's keys and the seller's refresh token (hundreds of characters), as the dealer pastes them in. */
export const ebayCredentials = z.strictObject({
  clientId: field('App ID (client id)'),
  clientSecret: field('Cert ID (client secret)'),
  refreshToken: field('Refresh token', 4000),
});

/** The credentials name the seller: nothing else to say which account. */
export const ebayAccountFields = z.strictObject({});
