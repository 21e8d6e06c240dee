import { randomUUID } from 'node:crypto';
import { EbayRejection, OAuthRejection } from './errors.js';

/**
 * The eBay sandbox's OAuth side: which apps (client id/secret) and which sellers' refresh tokens it
 * knows, and the user access tokens it has handed out, each with its scopes and expiry.
 */

export const EBAY_SANDBOX_CLIENT_ID = 'Dropline-Sandbox-PRD-1a2b3c4d5-6e7f8a9b';
export const EBAY_SANDBOX_CLIENT_SECRET = 'PRD-sandbox-client-secret-0123456789';
export const EBAY_SANDBOX_REFRESH_TOKEN = 'v^1.1#i^1#r^1#sandbox-refresh-token';

export const SCOPES = {
  fulfillment: 'https://api.ebay.com/oauth/api_scope/sell.fulfillment',
  fulfillmentReadonly: 'https://api.ebay.com/oauth/api_scope/sell.fulfillment.readonly',
} as const;

/** What the seller consented to when the refresh token was minted; a grant may ask for less. */
const GRANTED_SCOPES = new Set<string>(['https://api.ebay.com/oauth/api_scope', ...Object.values(SCOPES)]);

export interface EbayTokenOptions {
  /** Known apps, client id → client secret. Default: the EBAY_SANDBOX_CLIENT_* pair. */
  clients?: Record<string, string>;
  /** Refresh tokens any known app may redeem. Default: EBAY_SANDBOX_REFRESH_TOKEN. */
  refreshTokens?: string[];
  /** eBay user access tokens live about two hours. */
  tokenLifetimeSeconds?: number;
}

interface AccessToken {
  scopes: Set<string>;
  expiresAt: number;
}

function basicCredentials(authorization: string | undefined): { clientId: string; secret: string } | null {
  const encoded = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function createEbayTokens(options: EbayTokenOptions, now: () => Date) {
  const clients = options.clients ?? { [EBAY_SANDBOX_CLIENT_ID]: EBAY_SANDBOX_CLIENT_SECRET };
  const refreshTokens = new Set(options.refreshTokens ?? [EBAY_SANDBOX_REFRESH_TOKEN]);
  const lifetimeSeconds = options.tokenLifetimeSeconds ?? 7200;
  const issued = new Map<string, AccessToken>();

  /** The refresh-token grant, with the error codes and descriptions eBay's endpoint uses. */
  function grant(authorization: string | undefined, form: Record<string, string>) {
    const client = basicCredentials(authorization);
    if (!client || clients[client.clientId] !== client.secret) {
      throw new OAuthRejection(401, 'invalid_client', 'client authentication failed');
    }
    if (form.grant_type !== 'refresh_token') {
      const description = 'grant type in request is not supported by the authorization server';
      throw new OAuthRejection(400, 'unsupported_grant_type', description);
    }
    if (!form.refresh_token) {
      throw new OAuthRejection(400, 'invalid_request', 'request is missing a required parameter or malformed.');
    }
    if (!refreshTokens.has(form.refresh_token)) {
      const description = 'the provided authorization refresh token is invalid or was issued to another client';
      throw new OAuthRejection(400, 'invalid_grant', description);
    }
    const requested = form.scope ? form.scope.split(/\s+/).filter(Boolean) : [...GRANTED_SCOPES];
    if (requested.some((scope) => !GRANTED_SCOPES.has(scope))) {
      const description = 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client';
      throw new OAuthRejection(400, 'invalid_scope', description);
    }
    const accessToken = `v^1.1#i^1#p^3#sandbox-${randomUUID()}`;
    issued.set(accessToken, { scopes: new Set(requested), expiresAt: now().getTime() + lifetimeSeconds * 1000 });
    return { access_token: accessToken, expires_in: lifetimeSeconds, token_type: 'User Access Token' };
  }

  /** Throws unless the bearer token is live and carries one of the scopes the operation accepts. */
  function authorize(authorization: string | undefined, acceptedScopes: string[]): void {
    const token = issued.get(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
    if (!token || token.expiresAt <= now().getTime()) {
      const longMessage = 'Invalid access token. Check the value of the Authorization HTTP request header.';
      throw new EbayRejection(401, 1001, longMessage);
    }
    if (!acceptedScopes.some((scope) => token.scopes.has(scope))) {
      throw new EbayRejection(403, 1100, 'Insufficient permissions to fulfill the request.');
    }
  }

  function expireAll(): void {
    const at = now().getTime();
    for (const token of issued.values()) token.expiresAt = Math.min(token.expiresAt, at);
  }

  return { grant, authorize, expireAll, reset: () => issued.clear() };
}
