import { parseJson, parseRetryAfter } from '../../http/response.js';
import { exchange, type ChannelTransport, type Exchange } from '../http.js';
import { createTokenCache, type IssuedToken } from '../token-cache.js';
import { ChannelError } from '../types.js';
import * as wire from './wire.js';

export interface EbayCredentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The seller's long-lived refresh token from the one-time consent. */
  refreshToken: string;
}

/** Enough to push tracking and read fulfilments; a seller's consent must include it. */
export const FULFILLMENT_SCOPE = 'https://api.ebay.com/oauth/api_scope/sell.fulfillment';

const ACTION = 'issue an access token';

/** Hands out user access tokens from the refresh-token grant, reusing one until it nears expiry. */
export function createEbayTokenSource(credentials: EbayCredentials, transport: ChannelTransport) {
  const url = `${credentials.baseUrl.replace(/\/+$/, '')}/identity/v1/oauth2/token`;
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');

  async function grant(): Promise<IssuedToken> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      scope: FULFILLMENT_SCOPE,
    });
    const answer = await exchange(
      transport,
      'eBay',
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: body.toString(),
      },
      ACTION,
    );
    if (!answer.response.ok) throw grantFailure(answer, transport.now());
    const parsed = wire.accessToken.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      throw new ChannelError('transient', `eBay answered the request to ${ACTION} with a body we do not understand`);
    }
    return { token: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
  }

  return createTokenCache(grant, transport.now);
}

/** eBay's OAuth errors name no secret, so its description is safe to pass on. */
function grantFailure({ response, text }: Exchange, now: Date): ChannelError {
  const status = response.status;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now.getTime());
    return new ChannelError('rate_limited', `eBay rate-limited the request to ${ACTION}`, retryAfterMs);
  }
  if (status >= 500 || status === 408) return new ChannelError('transient', `eBay failed to ${ACTION} (HTTP ${status})`);
  const body = wire.oauthError.safeParse(parseJson(text)).data;
  const reason = body ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : `HTTP ${status}`;
  return new ChannelError('auth', `eBay refused the dealer's eBay credentials (${reason}). Reconnect the eBay account so Dropline gets a new refresh token.`);
}
