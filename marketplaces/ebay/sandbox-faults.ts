import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EbayRejection } from './sandbox-errors.js';

/**
 * Failures the eBay sandbox can be told to produce, so the connector can be tested against the ways
 * eBay goes wrong. Rate limits and 5xx hit the Sell API only, so a test's first token grant is not
 * what consumes them.
 */
export interface EbayFaults {
  /** How many of the next Sell API requests get 429 (eBay error 2001) without being processed. */
  rateLimitNext: number;
  /** Sent as Retry-After with those 429s; eBay does not promise the header, so by default there is none. */
  retryAfterSeconds: number | null;
  /** How many of the next Sell API requests get 500 (eBay error 30500) without being processed. */
  status5xxNext: number;
  /** The next request matching method and path prefix is processed, then its connection is dropped. */
  loseResponseOnce: { method: string; pathPrefix: string } | null;
}

export const faultsChange = z
  .object({
    rateLimitNext: z.number().int().min(0),
    retryAfterSeconds: z.number().int().min(0).nullable(),
    status5xxNext: z.number().int().min(0),
    loseResponseOnce: z.object({ method: z.string().min(1), pathPrefix: z.string().startsWith('/') }).nullable(),
    /** Not a standing fault: ends every access token handed out so far, as if two hours had passed. */
    expireTokensNow: z.literal(true),
  })
  .partial();

export function noFaults(): EbayFaults {
  return { rateLimitNext: 0, retryAfterSeconds: null, status5xxNext: 0, loseResponseOnce: null };
}

export interface RecordedRequest {
  method: string;
  path: string;
}

const pathOf = (url: string) => url.split('?')[0] ?? url;

/** Records every request `isApi` accepts (token grants included) and applies the current faults. */
export function installFaults(
  app: FastifyInstance,
  faults: EbayFaults,
  requests: RecordedRequest[],
  isApi: (request: FastifyRequest) => boolean,
): void {
  const answeredByFault = new WeakSet<FastifyRequest>();

  app.addHook('onRequest', async (request, reply) => {
    if (!isApi(request)) return;
    requests.push({ method: request.method, path: pathOf(request.url) });
    if (!request.url.startsWith('/sell/')) return;
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext--;
      answeredByFault.add(request);
      if (faults.retryAfterSeconds !== null) reply.header('retry-after', String(faults.retryAfterSeconds));
      const rejection = new EbayRejection(429, 2001, 'The request limit has been reached for the resource.');
      return reply.code(429).send(rejection.body);
    }
    if (faults.status5xxNext > 0) {
      faults.status5xxNext--;
      answeredByFault.add(request);
      const rejection = new EbayRejection(500, 30500, 'There was a problem with an eBay internal system or process.');
      return reply.code(500).send(rejection.body);
    }
  });

  app.addHook('onSend', async (request, _reply, payload) => {
    const lose = faults.loseResponseOnce;
    if (
      lose &&
      isApi(request) &&
      !answeredByFault.has(request) &&
      request.method === lose.method.toUpperCase() &&
      pathOf(request.url).startsWith(lose.pathPrefix)
    ) {
      faults.loseResponseOnce = null;
      request.raw.socket.destroy();
    }
    return payload;
  });
}
