import type { z } from 'zod';
import { jsonRequest } from '../../http/request.js';
import { excerpt, parseJson, parseRetryAfter } from '../../http/response.js';
import { callDistributor } from '../http-call.js';
import { DistributorError, type CallLimits } from '../types.js';
import { errorBody, type WpsErrorBody } from './wire.js';

export interface WpsClientOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Per request. WPS publishes no latency figures; 15 s leaves room for a slow order submit. */
  timeoutMs?: number;
}

export interface WpsCall<T> {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  /** Completes "WPS refused to …" in error messages, e.g. "add item 87-9934 to the cart for PO X". */
  action: string;
  schema: z.ZodType<T>;
}

/**
 * Speaks HTTP to WPS and turns every failure into a DistributorError with a message a dealer can act
 * on. The token goes only into the Authorization header, never into a message.
 */
export function createWpsClient({ baseUrl, token, fetch: fetchImpl = fetch, timeoutMs = 15_000 }: WpsClientOptions) {
  const root = baseUrl.replace(/\/+$/, '');

  function exchange(call: Omit<WpsCall<unknown>, 'schema'>, limits: CallLimits | undefined): Promise<{ response: Response; text: string }> {
    return callDistributor({ name: 'WPS', action: call.action, timeoutMs }, limits, (signal) =>
      fetchImpl(`${root}${call.path}`, { ...jsonRequest(call.method, { authorization: `Bearer ${token}` }, call.body), signal }),
    );
  }

  async function request<T>(call: WpsCall<T>, limits: CallLimits | undefined): Promise<T> {
    const { response, text } = await exchange(call, limits);
    if (!response.ok) throw failure(call.action, response, text);
    return decode(call, text);
  }

  /** Like request, but a 404 means "there is none" and resolves to null. */
  async function find<T>(call: WpsCall<T>, limits: CallLimits | undefined): Promise<T | null> {
    const { response, text } = await exchange(call, limits);
    if (response.status === 404) return null;
    if (!response.ok) throw failure(call.action, response, text);
    return decode(call, text);
  }

  return { request, find };
}

export type WpsClient = ReturnType<typeof createWpsClient>;

function decode<T>(call: WpsCall<T>, text: string): T {
  const parsed = call.schema.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new DistributorError('malformed', `WPS answered the request to ${call.action} with a body that is not the JSON we expect`);
  }
  return parsed.data;
}

function failure(action: string, response: Response, text: string): DistributorError {
  const body: WpsErrorBody = errorBody.safeParse(parseJson(text)).data ?? {};
  const said = body.message ? `: ${excerpt(body.message)}` : '';
  const status = response.status;
  if (status === 401) {
    return new DistributorError('auth', `WPS did not accept the API token when asked to ${action} (401). Check the dealer's WPS token.`);
  }
  if (status === 403 && /tax ?id/i.test(body.message ?? '')) {
    return new DistributorError('not_ready', `WPS will not drop-ship for this account until it has a Tax ID on file${said}`);
  }
  if (status === 403) {
    return new DistributorError('auth', `The WPS token is not allowed to ${action} (403)${said}. Ask WPS to add the missing scope.`);
  }
  if (status === 422) {
    const details = Object.entries(body.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
    const reason = details.length > 0 ? `: ${excerpt(details.join('; '))}` : said;
    const kind = body.errors?.item_sku ? 'unknown_item' : 'rejected';
    return new DistributorError(kind, `WPS refused to ${action}${reason}`);
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const wait = retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    return new DistributorError('rate_limited', `WPS rate-limited the request to ${action}${wait}`, retryAfterMs);
  }
  // An unexpected 404 usually means a concurrent attempt consumed the cart; the retry looks the PO up first.
  if (status >= 500 || status === 404 || status === 408) {
    return new DistributorError('transient', `WPS failed to ${action} (HTTP ${status})${said}`);
  }
  return new DistributorError('rejected', `WPS refused to ${action} (HTTP ${status})${said}`);
}
