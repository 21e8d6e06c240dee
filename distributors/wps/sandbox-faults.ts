import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * Failures the WPS sandbox can be told to produce, so connectors and workflows can be tested against
 * the ways a real distributor API goes wrong. Error bodies follow the Laravel conventions the API's
 * 401 body suggests; WPS publishes none.
 */
export interface WpsFaults {
  /** Share of requests (0..1) answered 500 before they are processed. */
  status5xxRate: number;
  latencyMs: number;
  /** The next matching request is processed, then its connection is dropped without an answer. */
  loseResponseOnce: { method: string; path: string } | null;
  /** The next matching request is processed, then its answer is held back for `ms` (a caller that dies meanwhile never hears it). */
  holdResponseOnce: { method: string; path: string; ms: number } | null;
  /** How many of the next requests get 429, with `retryAfterSeconds` in Retry-After. */
  rateLimitNext: number;
  retryAfterSeconds: number;
  /** How many of the next requests get a 200 whose body is cut-off JSON, without being processed. */
  malformedNext: number;
}

export const faultsChange = z
  .object({
    status5xxRate: z.number().min(0).max(1),
    latencyMs: z.number().int().min(0),
    loseResponseOnce: z.object({ method: z.string().min(1), path: z.string().startsWith('/') }).nullable(),
    holdResponseOnce: z.object({ method: z.string().min(1), path: z.string().startsWith('/'), ms: z.number().int().min(0) }).nullable(),
    rateLimitNext: z.number().int().min(0),
    retryAfterSeconds: z.number().int().min(0),
    malformedNext: z.number().int().min(0),
  })
  .partial();

export function noFaults(): WpsFaults {
  return { status5xxRate: 0, latencyMs: 0, loseResponseOnce: null, holdResponseOnce: null, rateLimitNext: 0, retryAfterSeconds: 1, malformedNext: 0 };
}

export interface RecordedRequest {
  method: string;
  path: string;
}

const pathOf = (url: string) => url.split('?')[0] ?? url;

/**
 * Records every API request and applies the current faults. `isApi` tells API routes from the
 * sandbox's own control routes, which are never faulted or recorded.
 */
export function installFaults(
  app: FastifyInstance,
  faults: WpsFaults,
  requests: RecordedRequest[],
  isApi: (request: FastifyRequest) => boolean,
): void {
  const answeredByFault = new WeakSet<FastifyRequest>();

  app.addHook('onRequest', async (request, reply) => {
    if (!isApi(request)) return;
    requests.push({ method: request.method, path: pathOf(request.url) });
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext--;
      answeredByFault.add(request);
      return reply.code(429).header('retry-after', String(faults.retryAfterSeconds)).send({ message: 'Too Many Attempts.' });
    }
    if (Math.random() < faults.status5xxRate) {
      answeredByFault.add(request);
      return reply.code(500).send({ message: 'Server Error' });
    }
    if (faults.malformedNext > 0) {
      faults.malformedNext--;
      answeredByFault.add(request);
      return reply.code(200).type('application/json').send('{"data":{"order_num');
    }
  });

  const matches = (request: FastifyRequest, target: { method: string; path: string } | null) =>
    target !== null &&
    isApi(request) &&
    !answeredByFault.has(request) &&
    request.method === target.method.toUpperCase() &&
    pathOf(request.url) === target.path;

  app.addHook('onSend', async (request, _reply, payload) => {
    if (matches(request, faults.loseResponseOnce)) {
      faults.loseResponseOnce = null;
      request.raw.socket.destroy();
    }
    const hold = faults.holdResponseOnce;
    if (hold && matches(request, hold)) {
      faults.holdResponseOnce = null;
      await sleep(hold.ms);
    }
    return payload;
  });
}
