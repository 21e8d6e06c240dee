import type { z } from 'zod';
import { jsonRequest } from '../../http/request.js';
import { parseJson, parseRetryAfter } from '../../http/response.js';
import { callDistributor } from '../http-call.js';
import { DistributorError, type CallLimits, type DistributorErrorKind } from '../types.js';
import { API_ROOT, AUTH_SCHEME, type ErrorCode } from './contract.js';
import { errorBody, type AutomaticErrorBody } from './wire.js';

export interface AutomaticClientOptions {
  /** The host alone; paths add `/v2`. */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Per request. Automatic publishes no latency figures; 15 s leaves room for a slow order entry. */
  timeoutMs?: number;
}

export interface AutomaticCall<T> {
  method: 'GET' | 'POST';
  /** Below `/v2`, e.g. `/order/create`. */
  path: string;
  body?: unknown;
  /** Completes "Automatic Distributors refused to …" in error messages, e.g. "submit PO X". */
  action: string;
  schema: z.ZodType<T>;
}

/** A refusal that carries Automatic's error codes, so the connector can act on one (e.g. DUPLICATE_PO). */
export class AutomaticRefusal extends DistributorError {
  constructor(
    kind: DistributorErrorKind,
    message: string,
    readonly codes: readonly string[],
  ) {
    super(kind, message);
  }
}

/** What each error code means for the dealer, most decisive first: one order can fail several ways. */
const REFUSALS: ReadonlyArray<{ code: ErrorCode; kind: DistributorErrorKind; hint: string }> = [
  { code: 'INVALID_TOKEN', kind: 'auth', hint: "Check the dealer's Automatic Distributors API token." },
  {
    code: 'ACCOUNT_ON_HOLD',
    kind: 'not_ready',
    hint: 'The dealer needs to settle the account with Automatic Distributors before it takes orders.',
  },
  {
    code: 'DROPSHIP_NOT_ENABLED',
    kind: 'not_ready',
    hint: 'The dealer needs to ask Automatic Distributors to enable drop-shipping on the account.',
  },
  { code: 'UNKNOWN_PART', kind: 'unknown_item', hint: 'Check the part numbers mapped to Automatic Distributors.' },
  {
    code: 'CARB_RESTRICTED',
    kind: 'rejected',
    hint: 'California allows only CARB-exempt parts; ship another part or fulfil this line elsewhere.',
  },
  {
    code: 'ORDER_IN_PROCESS',
    kind: 'rejected',
    hint: 'Automatic Distributors is already picking what is left of it, so it will ship: arrange a return or let the buyer keep it.',
  },
  {
    code: 'DUPLICATE_PO',
    kind: 'rejected',
    hint: 'Automatic Distributors already has an order with this PO number, so it was not placed again.',
  },
];

const NAME = 'Automatic Distributors';

/**
 * Speaks HTTP to Automatic Distributors and turns every failure into a DistributorError with a
 * message a dealer can act on. The token goes only into the Authorization header, and is cut out of
 * anything Automatic says back before it reaches a message.
 */
export function createAutomaticClient({ baseUrl, token, fetch: fetchImpl = fetch, timeoutMs = 15_000 }: AutomaticClientOptions) {
  const root = `${baseUrl.replace(/\/+$/, '')}${API_ROOT}`;
  const quote = (said: string) => {
    const safe = token === '' ? said : said.split(token).join('[API token]');
    return safe.length > 300 ? `${safe.slice(0, 300)}…` : safe;
  };

  function exchange(call: Omit<AutomaticCall<unknown>, 'schema'>, limits: CallLimits | undefined): Promise<{ response: Response; text: string }> {
    return callDistributor({ name: NAME, action: call.action, timeoutMs }, limits, (signal) =>
      fetchImpl(`${root}${call.path}`, { ...jsonRequest(call.method, { authorization: `${AUTH_SCHEME} ${token}` }, call.body), signal }),
    );
  }

  function failure(action: string, response: Response, body: AutomaticErrorBody): DistributorError {
    const { status } = response;
    const codes = body.errors.map((error) => error.code ?? '').filter(Boolean);
    const texts = body.errors.map((error) => [error.field, error.message].filter(Boolean).join(': ')).filter(Boolean);
    const said = texts.length > 0 ? `: ${quote(texts.join('; '))}` : body.message ? `: ${quote(body.message)}` : '';
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const wait = retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
      return new DistributorError('rate_limited', `${NAME} rate-limited the request to ${action}${wait}`, retryAfterMs);
    }
    if (status >= 500 || status === 408) return new DistributorError('transient', `${NAME} failed to ${action} (HTTP ${status})${said}`);
    const rule = REFUSALS.find(({ code }) => codes.includes(code));
    if (rule) return new AutomaticRefusal(rule.kind, `${NAME} refused to ${action}${said}. ${rule.hint}`, codes);
    if (status === 401 || status === 403) {
      return new AutomaticRefusal(
        'auth',
        `${NAME} did not accept the API token when asked to ${action} (${status})${said}. Check the dealer's Automatic Distributors API token.`,
        codes,
      );
    }
    return new AutomaticRefusal('rejected', `${NAME} refused to ${action} (HTTP ${status})${said}`, codes);
  }

  async function request<T>(call: AutomaticCall<T>, limits: CallLimits | undefined): Promise<T> {
    const { response, text } = await exchange(call, limits);
    const json = parseJson(text);
    if (!response.ok) throw failure(call.action, response, errorBody.safeParse(json).data ?? { errors: [] });
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      throw new DistributorError('malformed', `${NAME} answered the request to ${call.action} with a body that is not the JSON we expect`);
    }
    return parsed.data;
  }

  return { request };
}
