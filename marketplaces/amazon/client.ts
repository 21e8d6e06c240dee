import type { z } from 'zod';
import { jsonRequest } from '../../http/request.js';
import { excerpt, parseJson, parseRetryAfter } from '../../http/response.js';
import { exchange, type ChannelTransport, type Exchange } from '../http.js';
import { ChannelError } from '../types.js';
import { ACCESS_TOKEN_HEADER, RATE_LIMIT_HEADER, USAGE_PLANS, type AmazonOperation } from './contract.js';
import { createLwaTokenSource, type AmazonCredentials } from './lwa.js';
import * as wire from './wire.js';

export interface AmazonCall {
  operation: AmazonOperation;
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/orders/2026-01-01/orders/…?includedData=PACKAGES`. */
  path: string;
  body?: unknown;
  /** Completes "Amazon refused to …" in error messages, e.g. "confirm tracking 1Z… on order 113-…". */
  action: string;
}

/** An answer to one call, with the operation it was for, so a 429 can be timed by that operation's plan. */
export interface AmazonAnswer extends Exchange {
  operation: AmazonOperation;
}

/**
 * Speaks HTTP to the Selling Partner API with an LWA access token, and turns failures into
 * ChannelErrors a dealer can act on. Tokens and client secrets go only into headers and form bodies,
 * never into a message.
 */
export function createAmazonClient(credentials: AmazonCredentials, transport: ChannelTransport) {
  const root = credentials.baseUrl.replace(/\/+$/, '');
  const tokens = createLwaTokenSource(credentials, transport);
  /** The rate Amazon last reported per operation; a seller's plan may be above the published one. */
  const reportedRates = new Map<AmazonOperation, number>();

  async function attempt(call: AmazonCall, token: string): Promise<AmazonAnswer> {
    const answer = await exchange(
      transport,
      'Amazon',
      `${root}${call.path}`,
      jsonRequest(call.method, { [ACCESS_TOKEN_HEADER]: token }, call.body),
      call.action,
    );
    const rate = Number(answer.response.headers.get(RATE_LIMIT_HEADER));
    if (rate > 0) reportedRates.set(call.operation, rate);
    return { ...answer, operation: call.operation };
  }

  /**
   * Sends the call and returns Amazon's answer whatever its status. SP-API answers an expired or
   * revoked token with 403 (401 for a malformed one): the call is retried once with a new token.
   */
  async function call(spec: AmazonCall): Promise<AmazonAnswer> {
    const token = await tokens.current();
    const first = await attempt(spec, token);
    if (first.response.status !== 401 && first.response.status !== 403) return first;
    tokens.discard(token);
    return attempt(spec, await tokens.current());
  }

  /** Like call, but anything but 2xx throws, and the body must match the schema. */
  async function request<T>(spec: AmazonCall & { schema: z.ZodType<T> }): Promise<T> {
    const answer = await call(spec);
    if (!answer.response.ok) throw failure(spec.action, answer);
    const parsed = spec.schema.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      throw new ChannelError('transient', `Amazon answered the request to ${spec.action} with a body we do not understand`);
    }
    return parsed.data;
  }

  /**
   * A 429 names no delay, so the wait is one request's worth of the operation's rate: what Amazon
   * last reported, else the published plan.
   */
  function throttleDelayMs(operation: AmazonOperation): number {
    return Math.ceil(1000 / (reportedRates.get(operation) ?? USAGE_PLANS[operation].rate));
  }

  /** Maps an answer that is not a success to the ChannelError kind callers act on. */
  function failure(action: string, answer: AmazonAnswer): ChannelError {
    const { response, text, operation } = answer;
    const status = response.status;
    const errors = wire.apiErrors.safeParse(parseJson(text)).data?.errors ?? [];
    const said = errors.length > 0 ? `: ${describe(errors)}` : ` (HTTP ${status})`;
    if (status === 401 || status === 403) {
      const message = `Amazon did not let a freshly issued access token ${action}${said}.`;
      const fix = 'Reconnect the Amazon account, and check that the app has the Direct-to-Consumer Shipping role.';
      return new ChannelError('auth', `${message} ${fix}`);
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), transport.now().getTime()) ?? throttleDelayMs(operation);
      return new ChannelError('rate_limited', `Amazon throttled the request to ${action}${said}`, retryAfterMs);
    }
    if (status >= 500 || status === 408) return new ChannelError('transient', `Amazon failed to ${action}${said}`);
    return new ChannelError('invalid', `Amazon refused to ${action}${said}`);
  }

  return { call, request, failure };
}

const describe = (errors: wire.AmazonApiError[]) =>
  excerpt(errors.map((error) => `${error.message ?? 'no message'}${error.details ? ` (${error.details})` : ''} [${error.code}]`).join('; '));
