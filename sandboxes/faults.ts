import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * Fault injection shared by the sandbox servers that imitate external APIs, so connectors and
 * workflows can be tested against the ways a real API goes wrong. Each sandbox picks the faults its
 * `POST /_control/faults` accepts and says how its API words a 429 and a 500.
 */

/**
 * The request a once-only fault waits for: same method and either the exact path or a path prefix.
 * The query is ignored unless `query` names parameters the request must carry (an API behind one
 * path, such as Tucker Rocky's `/bin/trws?type=ORD`, tells its calls apart only by those).
 */
export type RequestTarget = ({ method: string; path: string } | { method: string; pathPrefix: string }) & {
  query?: Record<string, string> | undefined;
};

export interface Faults<Target extends RequestTarget = RequestTarget> {
  latencyMs: number;
  /** How many of the next requests get 429, with `retryAfterSeconds` in Retry-After (no header when null). */
  rateLimitNext: number;
  retryAfterSeconds: number | null;
  /** Share of requests (0..1) answered 500 before they are processed. */
  status5xxRate: number;
  /** How many of the next requests get 500 without being processed. */
  status5xxNext: number;
  /** How many of the next requests get a 200 whose body is cut-off JSON, without being processed. */
  malformedNext: number;
  /** The next matching request is processed, then its connection is dropped without an answer. */
  loseResponseOnce: Target | null;
  /** The next matching request is processed, then its answer is held back for `ms` (a caller that dies meanwhile never hears it). */
  holdResponseOnce: (Target & { ms: number }) | null;
}

const count = z.number().int().min(0);
const query = z.record(z.string(), z.string()).optional();
const exact = z.object({ method: z.string().min(1), path: z.string().startsWith('/'), query });
const prefix = z.object({ method: z.string().min(1), pathPrefix: z.string().startsWith('/'), query });

/** Control-API schemas of the counting and rate faults; a sandbox picks the ones it offers. */
export const faultFields = z.object({
  latencyMs: count,
  rateLimitNext: count,
  retryAfterSeconds: count,
  status5xxRate: z.number().min(0).max(1),
  status5xxNext: count,
  malformedNext: count,
});

/** Control-API schemas of the once-only faults, by how they name their request. */
export const onceFaultFields = {
  path: { loseResponseOnce: exact.nullable(), holdResponseOnce: exact.extend({ ms: count }).nullable() },
  pathPrefix: { loseResponseOnce: prefix.nullable(), holdResponseOnce: prefix.extend({ ms: count }).nullable() },
};

type ExactTarget = { method: string; path: string; query?: Record<string, string> | undefined };

/** The faults most sandboxes offer (WPS, Parts Unlimited): 5xx by rate, once-only faults by exact path. */
export type StandardFaults = Pick<
  Faults<ExactTarget>,
  'status5xxRate' | 'latencyMs' | 'loseResponseOnce' | 'holdResponseOnce' | 'rateLimitNext' | 'retryAfterSeconds' | 'malformedNext'
>;

/** What `POST /_control/faults` accepts to change StandardFaults; absent fields stay as they are. */
export const faultsChange = faultFields
  .pick({ status5xxRate: true, latencyMs: true, rateLimitNext: true, retryAfterSeconds: true, malformedNext: true })
  .extend(onceFaultFields.path)
  .partial();

export function noFaults(): StandardFaults {
  return { status5xxRate: 0, latencyMs: 0, loseResponseOnce: null, holdResponseOnce: null, rateLimitNext: 0, retryAfterSeconds: 1, malformedNext: 0 };
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** When it arrived (epoch ms), so tests can see how calls were spaced. */
  at: number;
}

/** How one sandbox's API answers when a fault, not the sandbox, decides the answer. */
export interface FaultDialect {
  /** API requests are recorded and may be faulted; the sandbox's own control routes are not. */
  isApi: (request: FastifyRequest) => boolean;
  /** Which API requests latency, 429, 5xx and malformed bodies hit; all of them unless given. */
  isFaultable?: (request: FastifyRequest) => boolean;
  rateLimitedBody: unknown;
  serverErrorBody: unknown;
  /** The cut-off JSON of a malformed answer. */
  malformedBody?: string;
}

const pathOf = (url: string) => url.split('?')[0] ?? url;

/** A repeated query parameter matches when any of its values does. */
const carries = (request: FastifyRequest, wanted: Record<string, string> = {}) =>
  Object.entries(wanted).every(([name, value]) => [(request.query as Record<string, unknown>)[name]].flat().includes(value));

const targets = (request: FastifyRequest, target: RequestTarget) =>
  request.method === target.method.toUpperCase() &&
  ('path' in target ? pathOf(request.url) === target.path : pathOf(request.url).startsWith(target.pathPrefix)) &&
  carries(request, target.query);

/**
 * Records every API request and applies the faults in `faults`, which the sandbox keeps and changes
 * in place. Faults a sandbox does not offer are simply absent.
 */
export function installFaults(
  app: FastifyInstance,
  faults: Partial<Faults>,
  requests: RecordedRequest[],
  dialect: FaultDialect,
): void {
  const { isApi, isFaultable = () => true, malformedBody = '{"data":' } = dialect;
  const answeredByFault = new WeakSet<FastifyRequest>();

  app.addHook('onRequest', async (request, reply) => {
    if (!isApi(request)) return;
    requests.push({ method: request.method, path: pathOf(request.url), at: Date.now() });
    if (!isFaultable(request)) return;
    if ((faults.latencyMs ?? 0) > 0) await sleep(faults.latencyMs);
    if ((faults.rateLimitNext ?? 0) > 0) {
      faults.rateLimitNext = (faults.rateLimitNext ?? 0) - 1;
      answeredByFault.add(request);
      if (faults.retryAfterSeconds != null) reply.header('retry-after', String(faults.retryAfterSeconds));
      return reply.code(429).send(dialect.rateLimitedBody);
    }
    if ((faults.status5xxNext ?? 0) > 0) {
      faults.status5xxNext = (faults.status5xxNext ?? 0) - 1;
      answeredByFault.add(request);
      return reply.code(500).send(dialect.serverErrorBody);
    }
    const rate = faults.status5xxRate ?? 0;
    if (rate > 0 && Math.random() < rate) {
      answeredByFault.add(request);
      return reply.code(500).send(dialect.serverErrorBody);
    }
    if ((faults.malformedNext ?? 0) > 0) {
      faults.malformedNext = (faults.malformedNext ?? 0) - 1;
      answeredByFault.add(request);
      return reply.code(200).type('application/json').send(malformedBody);
    }
  });

  const matches = (request: FastifyRequest, target: RequestTarget | null | undefined): target is RequestTarget =>
    !!target && isApi(request) && !answeredByFault.has(request) && targets(request, target);

  app.addHook('onSend', async (request, _reply, payload) => {
    if (matches(request, faults.loseResponseOnce)) {
      faults.loseResponseOnce = null;
      request.raw.socket.destroy();
    }
    const hold = faults.holdResponseOnce;
    if (matches(request, hold)) {
      faults.holdResponseOnce = null;
      await sleep(hold.ms);
    }
    return payload;
  });
}
