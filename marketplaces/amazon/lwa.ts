import type { ChannelTransport } from '../http.js';
import { createRefreshGrantTokens } from '../refresh-grant.js';
import { LWA_TOKEN_URL } from './contract.js';

export interface AmazonCredentials {
  /** The SP-API endpoint of the seller's region; https://sellingpartnerapi-na.amazon.com in North America. */
  baseUrl: string;
  /** Login with Amazon's token endpoint; Amazon's own unless a sandbox stands in for it. */
  tokenUrl?: string;
  /** The SP-API app's LWA client id and secret. */
  clientId: string;
  clientSecret: string;
  /** The seller's refresh token from authorising the app (Atzr|…). */
  refreshToken: string;
}

/**
 * Hands out LWA access tokens from the refresh-token grant, reusing one until it nears expiry.
 * Unlike eBay's, LWA takes the client credentials in the form body, not in a Basic header.
 */
export function createLwaTokenSource(credentials: AmazonCredentials, transport: ChannelTransport) {
  return createRefreshGrantTokens(
    {
      channel: 'Amazon',
      url: credentials.tokenUrl ?? LWA_TOKEN_URL,
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
      form: {
        grant_type: 'refresh_token',
        refresh_token: credentials.refreshToken,
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      },
      refused: "the dealer's Amazon authorisation",
    },
    transport,
  );
}
