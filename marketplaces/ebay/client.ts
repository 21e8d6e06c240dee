import type { z } from 'zod';
import { jsonRequest } from '../../http/request.js';
import { excerpt, parseJson, parseRetryAfter } from '../../http/response.js';
import { exchange, type ChannelTransport, type Exchange } from '../http.js';
import { ChannelError } from '../types.js';
import { createEbayTokenSource, type EbayCredentials } from './oauth.js';
import * as wire from './wire.js';

export interface EbayCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Completes "eBay refused to …" in error messages, e.g. "add tracking 1Z… to order 27-…". */
  action: string;
}

/** "Requested user is suspended": nothing in the request can fix that, only the seller's account. */
const USER_SUSPENDED = 32400;
/**
 * "Please use PUT operation for updating shipping fulfillment": eBay's 400 to a createShippingFulfillment
 * whose fulfilment (id = tracking number) exists already. Its contract lists only 32100–32600 for that
 * call, so this is known from eBay's answers, not its spec.
 */
const FULFILLMENT_EXISTS = 34500;

/**
 * Speaks HTTP to eBay's Sell APIs with a user access token, and turns failures into ChannelErrors a
 * dealer can act on. Tokens and client secrets go only into headers, never into a message.
 */
export function createEbayClient(credentials: EbayCredentials, transport: ChannelTransport) {
  const root = credentials.baseUrl.replace(/\/+$/, '');
  const tokens = createEbayTokenSource(credentials, transport);

  function attempt(call: EbayCall, token: string): Promise<Exchange> {
    return exchange(transport, 'eBay', `${root}${call.path}`, jsonRequest(call.method, { authorization: `Bearer ${token}` }, call.body), call.action);
  }

  /**
   * Sends the call and returns eBay's answer whatever its status. A 401 means the token died early
   * (revoked, or expired by eBay's clock rather than ours): the call is retried once with a new one.
   */
  async function call(spec: EbayCall): Promise<Exchange> {
    const token = await tokens.current();
    const first = await attempt(spec, token);
    if (first.response.status !== 401) return first;
    tokens.discard(token);
    return attempt(spec, await tokens.current());
  }

  /** Like call, but anything but 2xx throws, and the body must match the schema. */
  async function request<T>(spec: EbayCall & { schema: z.ZodType<T> }): Promise<T> {
    const answer = await call(spec);
    if (!answer.response.ok) throw failure(spec.action, answer, transport.now());
    const parsed = spec.schema.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      throw new ChannelError('transient', `eBay answered the request to ${spec.action} with a body we do not understand`);
    }
    return parsed.data;
  }

  return { call, request };
}

const errorsOf = (text: string) => wire.apiErrors.safeParse(parseJson(text)).data?.errors ?? [];

/** eBay's answer that the thing being created is there already: a 409, or a 400 with error 34500. */
export function isAlreadyCreated({ response, text }: Exchange): boolean {
  if (response.status === 409) return true;
  return response.status === 400 && errorsOf(text).some((error) => error.errorId === FULFILLMENT_EXISTS);
}

const describe = (errors: wire.EbayApiError[]) =>
  excerpt(errors.map((error) => `${error.longMessage ?? error.message ?? 'no message'} (eBay error ${error.errorId})`).join('; '));

/** Maps an eBay answer that is not a success to the ChannelError kind callers act on. */
export function failure(action: string, { response, text }: Exchange, now: Date): ChannelError {
  const status = response.status;
  const errors = errorsOf(text);
  const said = errors.length > 0 ? `: ${describe(errors)}` : ` (HTTP ${status})`;
  if (status === 401) {
    const message = `eBay did not accept a freshly issued access token to ${action}${said}. Reconnect the eBay account.`;
    return new ChannelError('auth', message);
  }
  if (status === 403 || errors.some((error) => error.errorId === USER_SUSPENDED)) {
    return new ChannelError('auth', `eBay does not allow the dealer's account to ${action}${said}`);
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now.getTime());
    return new ChannelError('rate_limited', `eBay rate-limited the request to ${action}${said}`, retryAfterMs);
  }
  // A conflict whose fulfilment we could not then read is most likely eBay's read side lagging its
  // write side; the retry reads again before it writes.
  const conflict = status === 409 || errors.some((error) => error.errorId === FULFILLMENT_EXISTS);
  if (status >= 500 || status === 408 || conflict) {
    return new ChannelError('transient', `eBay failed to ${action}${said}`);
  }
  return new ChannelError('invalid', `eBay refused to ${action}${said}`);
}
