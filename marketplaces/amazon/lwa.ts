import { parseJson, parseRetryAfter } from '../../http/response.js';
import { exchange, type ChannelTransport, type Exchange } from '../http.js';
import { createTokenCache, type IssuedToken } from '../token-cache.js';
import { ChannelError } from '../types.js';
import { LWA_TOKEN_URL } from './contract.js';
import * as wire from './wire.js';

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

const ACTION = 'issue an access token';

/**
 * Hands out LWA access tokens from the refresh-token grant, reusing one until it nears expiry.
 * Unlike eBay's, LWA takes the client credentials in the form body, not in a Basic header.
 */
export function createLwaTokenSource(credentials: AmazonCredentials, transport: ChannelTransport) {
  const url = credentials.tokenUrl ?? LWA_TOKEN_URL;

  async function grant(): Promise<IssuedToken> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    const answer = await exchange(
      transport,
      'Amazon',
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
        body: body.toString(),
      },
      ACTION,
    );
    if (!answer.response.ok) throw grantFailure(answer, transport.now());
    const parsed = wire.accessToken.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      throw new ChannelError('transient', `Amazon answered the request to ${ACTION} with a body we do not understand`);
    }
    return { token: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
  }

  return createTokenCache(grant, transport.now);
}

/** LWA's OAuth errors name no secret, so its description is safe to pass on. */
function grantFailure({ response, text }: Exchange, now: Date): ChannelError {
  const status = response.status;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now.getTime());
    return new ChannelError('rate_limited', `Amazon rate-limited the request to ${ACTION}`, retryAfterMs);
  }
  if (status >= 500 || status === 408) return new ChannelError('transient', `Amazon failed to ${ACTION} (HTTP ${status})`);
  const body = wire.oauthError.safeParse(parseJson(text)).data;
  const reason = body ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : `HTTP ${status}`;
  const fix = 'Reconnect the Amazon account so Dropline gets a new refresh token.';
  return new ChannelError('auth', `Amazon refused the dealer's Amazon authorisation (${reason}). ${fix}`);
}
