import type { z } from 'zod';
import { jsonRequest } from '../../http/request.js';
import { parseJson, parseRetryAfter } from '../../http/response.js';
import { callDistributor } from '../http-call.js';
import { DistributorError, type CallLimits, type DistributorErrorKind } from '../types.js';
import { API_ROOT, SUCCESS_STATUS_CODES } from './contract.js';
import { envelope, type PuEnvelope } from './wire.js';

export interface PartsUnlimitedClientOptions {
  /** The host alone, e.g. https://api.parts-unlimited.com; paths add `/api`. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Per request. PU publishes no latency figures; 15 s leaves room for a slow mainframe order entry. */
  timeoutMs?: number;
}

export interface PuCall<T> {
  method: 'GET' | 'POST';
  /** Below `/api`, e.g. `/v2/orders/dropship`. */
  path: string;
  body?: unknown;
  /** Completes "Parts Unlimited refused to …" in error messages, e.g. "submit PO X". */
  action: string;
  schema: z.ZodType<T>;
}

/**
 * PU refused an order because it already has one under this PO number: an earlier attempt placed it
 * (its answer was lost, or it raced this one). The connector answers with that order instead.
 */
export class DuplicatePoRefusal extends DistributorError {
  constructor(
    message: string,
    readonly puSaid: string,
  ) {
    super('rejected', message);
  }
}

/**
 * Mainframe error texts we recognise, most decisive first: an account on hold fails every order,
 * and a duplicate PO means the order is already there. Texts are from public code and our sandbox.
 */
const REFUSALS: ReadonlyArray<{ pattern: RegExp; kind: DistributorErrorKind | 'duplicate_po'; hint: string }> = [
  {
    pattern: /\bhold\b|\bcredit\b/i,
    kind: 'not_ready',
    hint: 'The dealer needs to settle the account with Parts Unlimited before it takes drop-ship orders.',
  },
  {
    pattern: /duplicate/i,
    kind: 'duplicate_po',
    hint: 'Parts Unlimited already has an order with this PO number.',
  },
  {
    pattern: /\bpart\b.*\b(not found|invalid|unknown)\b|\b(invalid|unknown)\b.*\bpart\b/i,
    kind: 'unknown_item',
    hint: 'Check the part numbers mapped to Parts Unlimited.',
  },
];

/**
 * Speaks HTTP to Parts Unlimited and turns every failure, including business failures inside a
 * 2xx, into a DistributorError with a message a dealer can act on. The API key goes only into the
 * `api-key` header, and is cut out of anything PU says back before it reaches a message.
 */
export function createPartsUnlimitedClient({ baseUrl, apiKey, fetch: fetchImpl = fetch, timeoutMs = 15_000 }: PartsUnlimitedClientOptions) {
  const root = `${baseUrl.replace(/\/+$/, '')}${API_ROOT}`;
  const quote = (said: string) => {
    const safe = apiKey === '' ? said : said.split(apiKey).join('[API key]');
    return safe.length > 300 ? `${safe.slice(0, 300)}…` : safe;
  };

  function exchange(call: Omit<PuCall<unknown>, 'schema'>, limits: CallLimits | undefined): Promise<{ response: Response; text: string }> {
    return callDistributor({ name: 'Parts Unlimited', action: call.action, timeoutMs }, limits, (signal) =>
      fetchImpl(`${root}${call.path}`, { ...jsonRequest(call.method, { 'api-key': apiKey }, call.body), signal }),
    );
  }

  function refusal(action: string, body: PuEnvelope): DistributorError {
    const texts = body.mainframeErrors.map((error) => error.text.trim()).filter(Boolean);
    if (texts.length === 0) texts.push(body.status_message ?? body.message ?? 'no reason given');
    const rule = REFUSALS.find(({ pattern }) => texts.some((text) => pattern.test(text)));
    const hint = rule ? ` ${rule.hint}` : '';
    const message = `Parts Unlimited refused to ${action}: ${quote(texts.join('; '))}.${hint}`;
    if (rule?.kind === 'duplicate_po') return new DuplicatePoRefusal(message, quote(texts.join('; ')));
    return new DistributorError(rule?.kind ?? 'rejected', message);
  }

  function failure(action: string, response: Response, body: PuEnvelope): DistributorError {
    const status = response.status;
    const said = body.message ? `: ${quote(body.message)}` : '';
    if (status === 401 || status === 403) {
      return new DistributorError(
        'auth',
        `Parts Unlimited did not accept the API key and dealer number when asked to ${action} (${status})${said}. ` +
          "Check the dealer's Parts Unlimited dealer number and API key.",
      );
    }
    if (status === 400 || status === 422) return refusal(action, body);
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const wait = retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
      return new DistributorError('rate_limited', `Parts Unlimited rate-limited the request to ${action}${wait}`, retryAfterMs);
    }
    if (status >= 500 || status === 408) {
      return new DistributorError('transient', `Parts Unlimited failed to ${action} (HTTP ${status})${said}`);
    }
    return new DistributorError('rejected', `Parts Unlimited refused to ${action} (HTTP ${status})${said}`);
  }

  async function request<T>(call: PuCall<T>, limits: CallLimits | undefined): Promise<T> {
    const { response, text } = await exchange(call, limits);
    const json = parseJson(text);
    const body = envelope.safeParse(json).data;
    if (!response.ok) throw failure(call.action, response, body ?? { mainframeErrors: [] });
    const statusCode = body?.status_code;
    if (body && (body.mainframeErrors.length > 0 || (statusCode !== undefined && !SUCCESS_STATUS_CODES.has(statusCode)))) {
      throw refusal(call.action, body);
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      throw new DistributorError('malformed', `Parts Unlimited answered the request to ${call.action} with a body that is not the JSON we expect`);
    }
    return parsed.data;
  }

  return { request };
}
