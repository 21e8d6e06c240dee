import type { z } from 'zod';
import { excerpt, parseJson, parseRetryAfter } from '../../http/response.js';
import { exchange, type ChannelTransport, type Exchange } from '../http.js';
import { ChannelError } from '../types.js';
import { ACCESS_DENIED_CODE, ACCESS_TOKEN_HEADER, THROTTLED_CODE, graphqlPath } from './contract.js';
import * as wire from './wire.js';

export interface ShopifyCredentials {
  /** The shop's admin origin, https://<shop>.myshopify.com. */
  shopUrl: string;
  /** The installed app's Admin API access token (shpat_…). It does not expire; uninstalling revokes it. */
  accessToken: string;
  /** Admin API version; contract.ts DEFAULT_API_VERSION unless given. */
  apiVersion: string;
}

export interface ShopifyCall<T> {
  query: string;
  variables: Record<string, unknown>;
  /** Completes "Shopify refused to …" in error messages, e.g. "add tracking 1Z… to order #1001". */
  action: string;
  /** The shape of `data`. */
  schema: z.ZodType<T>;
}

/** Shopify says how long a throttled query waits: until the bucket restores what it asked for. */
function throttleDelayMs(cost: z.infer<typeof wire.cost> | undefined): number | undefined {
  if (!cost) return undefined;
  const missing = Math.max(0, cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable);
  return Math.ceil((missing / cost.throttleStatus.restoreRate) * 1000);
}

const describe = (errors: wire.GraphqlErrors) =>
  excerpt(
    typeof errors === 'string' ? errors : errors.map((error) => `${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}`).join('; '),
  );

/**
 * Speaks GraphQL over HTTP to one shop's Admin API, and turns every way a call can fail (HTTP
 * status, top-level `errors`, throttling) into ChannelErrors a dealer can act on. `userErrors` are
 * data: the caller reads them. The token goes only into its header, never into a message.
 */
export function createShopifyClient(credentials: ShopifyCredentials, transport: ChannelTransport) {
  const url = `${credentials.shopUrl.replace(/\/+$/, '')}${graphqlPath(credentials.apiVersion)}`;

  function failure(action: string, { response, text }: Exchange): ChannelError | null {
    const status = response.status;
    const body = wire.envelope.safeParse(parseJson(text)).data;
    const errors = body?.errors;
    const said = errors ? `: ${describe(errors)}` : ` (HTTP ${status})`;
    const codes = Array.isArray(errors) ? errors.map((error) => error.extensions?.code) : [];

    if (status === 429 || codes.includes(THROTTLED_CODE)) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), transport.now().getTime()) ?? throttleDelayMs(body?.extensions?.cost);
      return new ChannelError('rate_limited', `Shopify throttled the request to ${action}${said}`, retryAfterMs);
    }
    // 402 and 423: the shop is frozen for unpaid bills or locked; only the merchant can change that.
    if ([401, 402, 403, 423].includes(status)) {
      return new ChannelError('auth', `Shopify did not let the dealer's app ${action}${said}. Reconnect the Shopify store.`);
    }
    if (codes.includes(ACCESS_DENIED_CODE)) {
      const message = `The dealer's Shopify app may not ${action}${said}. Reinstall it with the fulfillment scopes.`;
      return new ChannelError('auth', message);
    }
    if (status >= 500 || status === 408 || codes.includes('INTERNAL_SERVER_ERROR')) {
      return new ChannelError('transient', `Shopify failed to ${action}${said}`);
    }
    if (status >= 400 || errors) return new ChannelError('invalid', `Shopify refused to ${action}${said}`);
    return null;
  }

  /** Runs one query or mutation and answers its `data`, or throws a ChannelError. */
  async function request<T>(call: ShopifyCall<T>): Promise<T> {
    const answer = await exchange(
      transport,
      'Shopify',
      url,
      {
        method: 'POST',
        headers: {
          [ACCESS_TOKEN_HEADER]: credentials.accessToken,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ query: call.query, variables: call.variables }),
      },
      call.action,
    );
    const refused = failure(call.action, answer);
    if (refused) throw refused;
    const data = call.schema.safeParse(wire.envelope.safeParse(parseJson(answer.text)).data?.data);
    if (!data.success) {
      throw new ChannelError('transient', `Shopify answered the request to ${call.action} with a body we do not understand`);
    }
    return data.data;
  }

  return { request };
}
