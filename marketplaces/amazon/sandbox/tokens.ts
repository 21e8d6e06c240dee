import { randomUUID } from 'node:crypto';
import { AmazonRejection, LwaRejection } from './errors.js';

/**
 * The Amazon sandbox's Login with Amazon side: which SP-API apps (client id/secret) and which
 * sellers' refresh tokens it knows, and the access tokens it has handed out with their expiry.
 */

export const AMAZON_SANDBOX_CLIENT_ID = 'amzn1.application-oa2-client.dropline-sandbox';
export const AMAZON_SANDBOX_CLIENT_SECRET = 'amzn1.oa2-cs.v1.dropline-sandbox-client-secret';
export const AMAZON_SANDBOX_REFRESH_TOKEN = 'Atzr|dropline-sandbox-refresh-token';

export interface AmazonTokenOptions {
  /** Known apps, client id → client secret. Default: the AMAZON_SANDBOX_CLIENT_* pair. */
  clients?: Record<string, string>;
  /** Refresh tokens any known app may redeem. Default: AMAZON_SANDBOX_REFRESH_TOKEN. */
  refreshTokens?: string[];
  /** [DOC] LWA access tokens live one hour. */
  tokenLifetimeSeconds?: number;
}

export function createAmazonTokens(options: AmazonTokenOptions, now: () => Date) {
  const clients = options.clients ?? { [AMAZON_SANDBOX_CLIENT_ID]: AMAZON_SANDBOX_CLIENT_SECRET };
  const refreshTokens = new Set(options.refreshTokens ?? [AMAZON_SANDBOX_REFRESH_TOKEN]);
  const lifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  const issued = new Map<string, number>();

  /** The refresh-token grant; LWA takes the client credentials in the form, not in a header. */
  function grant(form: Record<string, string>) {
    if (form.grant_type !== 'refresh_token') {
      const description = 'The authorization grant type is not supported by the authorization server';
      throw new LwaRejection(400, 'unsupported_grant_type', description);
    }
    if (!form.refresh_token || !form.client_id) {
      throw new LwaRejection(400, 'invalid_request', 'The request is missing a required parameter : refresh_token or client_id');
    }
    if (clients[form.client_id] === undefined || clients[form.client_id] !== form.client_secret) {
      throw new LwaRejection(401, 'invalid_client', 'Client authentication failed');
    }
    if (!refreshTokens.has(form.refresh_token)) {
      throw new LwaRejection(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
    }
    const accessToken = `Atza|dropline-sandbox-${randomUUID()}`;
    issued.set(accessToken, now().getTime() + lifetimeSeconds * 1000);
    return { access_token: accessToken, refresh_token: form.refresh_token, token_type: 'bearer', expires_in: lifetimeSeconds };
  }

  /**
   * [ASSUMED, medium] No token is 401; an unknown or expired one is 403 Unauthorized, the model's
   * "Access Denied, Unauthorized, Expired Token" case, in the wording sellers report.
   */
  function authorize(accessToken: string | undefined): void {
    if (!accessToken) {
      throw new AmazonRejection(401, 'Unauthorized', 'Access to requested resource is denied.', 'The request has no access token.');
    }
    const expiresAt = issued.get(accessToken);
    if (expiresAt === undefined) {
      const details = 'The access token you provided is revoked, malformed or invalid.';
      throw new AmazonRejection(403, 'Unauthorized', 'Access to requested resource is denied.', details);
    }
    if (expiresAt <= now().getTime()) {
      const details = 'The access token you provided has expired.';
      throw new AmazonRejection(403, 'Unauthorized', 'Access to requested resource is denied.', details);
    }
  }

  function expireAll(): void {
    const at = now().getTime();
    for (const [token, expiresAt] of issued) issued.set(token, Math.min(expiresAt, at));
  }

  return { grant, authorize, expireAll, reset: () => issued.clear() };
}
