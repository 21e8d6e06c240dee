import type { z } from 'zod';
import { excerpt, parseJson, parseRetryAfter } from '../../http/response.js';
import { callDistributor } from '../http-call.js';
import { DistributorError, type CallLimits } from '../types.js';
import { OUTPUT, SUCCESSFUL, TRWS_PATH, type TrwsRequestType } from './contract.js';
import { refusalOf, type Refusal } from './refusals.js';
import { outcome } from './wire.js';

export interface TuckerRockyClientOptions {
  /** The host alone, e.g. https://api.tucker.com; calls go to `/bin/trws`. */
  baseUrl: string;
  customerNumber: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Per request. Tucker publishes no latency figures; 15 s leaves room for a slow order entry. */
  timeoutMs?: number;
}

/** Query parameters in order; a name may repeat (`line`, `item`, `ordernum`). */
export type TrwsParams = Array<[name: string, value: string]>;

export interface TrwsCall<T> {
  type: TrwsRequestType;
  params: TrwsParams;
  /** Completes "Tucker Rocky refused to …" in error messages, e.g. "submit PO X". */
  action: string;
  /** Reads the answer's `<TYPE>` section once its status is SUCCESSFUL. */
  schema: z.ZodType<T>;
}

export type TrwsAnswer<T> = { ok: true; data: T } | { ok: false; refusal: Refusal };

/**
 * Public code sends `line=581010,1` with a bare comma; everything else is percent-encoded, spaces as
 * %20 as in the samples, since a CGI's reading of `+` is one more thing we cannot check.
 */
const encode = (value: string) => encodeURIComponent(value).replace(/%2C/gi, ',');

/**
 * Speaks HTTP to TRWS and turns every failure, including refusals inside an HTTP 200, into a
 * DistributorError with a message a dealer can act on. The API key travels in the query string, as
 * TRWS requires, so it is cut out of anything quoted back: a URL never goes into a message.
 */
export function createTuckerRockyClient({ baseUrl, customerNumber, apiKey, fetch: fetchImpl = fetch, timeoutMs = 15_000 }: TuckerRockyClientOptions) {
  const endpoint = `${baseUrl.replace(/\/+$/, '')}${TRWS_PATH}`;
  const quote = (said: string) => excerpt(apiKey === '' ? said : said.split(apiKey).join('[API key]'));

  function urlOf(call: TrwsCall<unknown>): string {
    const params: TrwsParams = [['apikey', apiKey], ['cust', customerNumber], ['output', OUTPUT], ['type', call.type], ...call.params];
    return `${endpoint}?${params.map(([name, value]) => `${name}=${encode(value)}`).join('&')}`;
  }

  function exchange(call: TrwsCall<unknown>, limits: CallLimits | undefined): Promise<{ response: Response; text: string }> {
    return callDistributor({ name: 'Tucker Rocky', action: call.action, timeoutMs }, limits, (signal) =>
      fetchImpl(urlOf(call), { headers: { accept: 'application/json' }, signal }),
    );
  }

  function failure(action: string, response: Response, text: string): DistributorError {
    const status = response.status;
    const said = text.trim() && !text.trimStart().startsWith('<') ? `: ${quote(text.trim())}` : '';
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const wait = retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
      return new DistributorError('rate_limited', `Tucker Rocky rate-limited the request to ${action}${wait}`, retryAfterMs);
    }
    if (status >= 500 || status === 408) {
      return new DistributorError('transient', `Tucker Rocky failed to ${action} (HTTP ${status})${said}`);
    }
    if (status === 401 || status === 403) {
      return new DistributorError(
        'auth',
        `Tucker Rocky did not accept the customer number and API key when asked to ${action} (HTTP ${status}). ` +
          "Check the dealer's Tucker Rocky customer number and API key.",
      );
    }
    return new DistributorError('rejected', `Tucker Rocky refused to ${action} (HTTP ${status})${said}`);
  }

  const malformed = (action: string) =>
    new DistributorError('malformed', `Tucker Rocky answered the request to ${action} with a body that is not the JSON we expect`);

  /** Asks TRWS; a refusal is an answer, every other failure throws. */
  async function ask<T>(call: TrwsCall<T>, limits: CallLimits | undefined): Promise<TrwsAnswer<T>> {
    const { response, text } = await exchange(call, limits);
    if (!response.ok) throw failure(call.action, response, text);
    const section: unknown = (parseJson(text) as Record<string, unknown> | undefined)?.[call.type];
    const said = outcome.safeParse(section);
    if (!said.success) throw malformed(call.action);
    if (said.data.status !== SUCCESSFUL) return { ok: false, refusal: refusalOf(said.data) };
    const parsed = call.schema.safeParse(section);
    if (!parsed.success) throw malformed(call.action);
    return { ok: true, data: parsed.data };
  }

  /** The error for a refusal, quoting Tucker and saying what to do. */
  function refused(action: string, refusal: Refusal): DistributorError {
    const kind = refusal.kind === 'duplicate_po' ? 'rejected' : refusal.kind;
    const hint = refusal.hint ? ` ${refusal.hint}` : '';
    return new DistributorError(kind, `Tucker Rocky refused to ${action}: ${quote(refusal.reason)}.${hint}`);
  }

  /** Asks TRWS; a refusal throws too. */
  async function request<T>(call: TrwsCall<T>, limits: CallLimits | undefined): Promise<T> {
    const answer = await ask(call, limits);
    if (!answer.ok) throw refused(call.action, answer.refusal);
    return answer.data;
  }

  return { ask, request, refused };
}

export type TuckerRockyClient = ReturnType<typeof createTuckerRockyClient>;
