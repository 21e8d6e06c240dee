import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * Failures the Parts Unlimited sandbox can be told to produce, so the connector and workflows can be
 * tested against the ways a real distributor API goes wrong. PU's gateway error bodies are not
 * public; these use the `{message}` shape of its 401.
 */
export interface PuFaults {
  /** Share of requests (0..1) answered 500 before they are processed. */
  status5xxRate: number;
  latencyMs: number;
  /** The next matching request is processed, then its connection is dropped without an answer. */
  loseResponseOnce: { method: string; path: string } | null;
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
    rateLimitNext: z.number().int().min(0),
    retryAfterSeconds: z.number().int().min(0),
    malformedNext: z.number().int().min(0),
  })
  .partial();

export function noFaults(): PuFaults {
  return { status5xxRate: 0, latencyMs: 0, loseResponseOnce: null, rateLimitNext: 0, retryAfterSeconds: 1, malformedNext: 0 };
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
  faults: PuFaults,
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
      return reply.code(429).header('retry-after', String(faults.retryAfterSeconds)).send({ message: 'Too many requests' });
    }
    if (Math.random() < faults.status5xxRate) {
      answeredByFault.add(request);
      return reply.code(500).send({ message: 'Internal server error' });
    }
    if (faults.malformedNext > 0) {
      faults.malformedNext--;
      answeredByFault.add(request);
      return reply.code(200).type('application/json').send('{"status_code":200,"reference_num');
    }
  });

  app.addHook('onSend', async (request, _reply, payload) => {
    const lose = faults.loseResponseOnce;
    if (
      lose &&
      isApi(request) &&
      !answeredByFault.has(request) &&
      request.method === lose.method.toUpperCase() &&
      pathOf(request.url) === lose.path
    ) {
      faults.loseResponseOnce = null;
      request.raw.socket.destroy();
    }
    return payload;
  });
}
