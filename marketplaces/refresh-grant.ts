import { z } from 'zod';
import { parseJson, parseRetryAfter } from '../http/response.js';
import { exchange, type ChannelTransport, type Exchange } from './http.js';
import { createTokenCache, type IssuedToken } from './token-cache.js';
import { ChannelError } from './types.js';

/**
 * The OAuth refresh-token grant both polled channels (eBay, Amazon's Login with Amazon) put in front
 * of their APIs: the same answer and error bodies (RFC 6749 §5), told apart only by where the
 * client credentials go and by what the dealer reconnects when the grant is refused.
 */

const accessToken = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().nonnegative(),
});

const oauthError = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

const ACTION = 'issue an access token';

export interface RefreshGrant {
  /** The channel as messages name it: "eBay", "Amazon". */
  channel: string;
  url: string;
  headers: Record<string, string>;
  /** The form fields, refresh_token and grant_type included. */
  form: Record<string, string>;
  /** What the dealer's refused grant is called: "the dealer's eBay credentials". */
  refused: string;
}

/** Hands out access tokens from the refresh-token grant, reusing one until it nears expiry. */
export function createRefreshGrantTokens(grant: RefreshGrant, transport: ChannelTransport) {
  async function issue(): Promise<IssuedToken> {
    const answer = await exchange(
      transport,
      grant.channel,
      grant.url,
      { method: 'POST', headers: grant.headers, body: new URLSearchParams(grant.form).toString() },
      ACTION,
    );
    if (!answer.response.ok) throw grantFailure(grant, answer, transport.now());
    const parsed = accessToken.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      throw new ChannelError('transient', `${grant.channel} answered the request to ${ACTION} with a body we do not understand`);
    }
    return { token: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
  }

  return createTokenCache(issue, transport.now);
}

/** OAuth errors name no secret, so their description is safe to pass on. */
function grantFailure({ channel, refused }: RefreshGrant, { response, text }: Exchange, now: Date): ChannelError {
  const status = response.status;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now.getTime());
    return new ChannelError('rate_limited', `${channel} rate-limited the request to ${ACTION}`, retryAfterMs);
  }
  if (status >= 500 || status === 408) return new ChannelError('transient', `${channel} failed to ${ACTION} (HTTP ${status})`);
  const body = oauthError.safeParse(parseJson(text)).data;
  const reason = body ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : `HTTP ${status}`;
  return new ChannelError('auth', `${channel} refused ${refused} (${reason}). Reconnect the ${channel} account so Dropline gets a new refresh token.`);
}
