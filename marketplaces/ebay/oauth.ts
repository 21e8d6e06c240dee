import type { ChannelTransport } from '../http.js';
import { createRefreshGrantTokens } from '../refresh-grant.js';

export interface EbayCredentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The seller's long-lived refresh token from the one-time consent. */
  refreshToken: string;
}

/** Enough to push tracking and read fulfilments; a seller's consent must include it. */
export const FULFILLMENT_SCOPE = 'https://api.ebay.com/oauth/api_scope/sell.fulfillment';

/** Hands out user access tokens from the refresh-token grant, reusing one until it nears expiry. */
export function createEbayTokenSource(credentials: EbayCredentials, transport: ChannelTransport) {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  return createRefreshGrantTokens(
    {
      channel: 'eBay',
      url: `${credentials.baseUrl.replace(/\/+$/, '')}/identity/v1/oauth2/token`,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      form: { grant_type: 'refresh_token', refresh_token: credentials.refreshToken, scope: FULFILLMENT_SCOPE },
      refused: "the dealer's eBay credentials",
    },
    transport,
  );
}
