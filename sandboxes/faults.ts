import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { seededRandom, type Random } from './seeded-random.js';

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
  /** Faults drawn per call from a seeded stream (or replayed from a script); see ChaosFaults. */
  chaos: ChaosFaults | null;
}

/**
 * What chaos does to one call. `lost_response`: processed, then the connection is dropped unanswered
 * (an order accepted whose answer never arrives). `server_error`: 500 before processing.
 * `rate_limited`: 429 with Retry-After. `slow`: held for `slowMs` before it is processed, so a caller
 * with a shorter timeout gives up on a call that still happens.
 */
export const CHAOS_KINDS = ['lost_response', 'server_error', 'rate_limited', 'slow'] as const;
export type ChaosKind = (typeof CHAOS_KINDS)[number];

const count = z.number().int().min(0);
const chance = z.number().min(0).max(1);
const chaosKind = z.enum(CHAOS_KINDS);

/** One fault chaos applied, named so that a rerun can apply it again to the same call. */
export const chaosFault = z.object({
  kind: chaosKind,
  method: z.string().min(1),
  /** The call's URL with its subject replaced by `{subject}`. */
  path: z.string().min(1),
  subject: z.string().nullable(),
  /** Which call of this method, path and subject it was (1 = the first). */
  nth: z.number().int().min(1),
});
export type ChaosFault = z.infer<typeof chaosFault>;
export type ChaosRecord = ChaosFault & { at: number };

/** Control-API schema of chaos mode. */
export const chaosField = z.object({
  seed: z.number().int(),
  /** Chance per call of each kind; one draw per call decides, so they add up to at most 1. */
  rates: z
    .object({ lost_response: chance, server_error: chance, rate_limited: chance, slow: chance })
    .partial()
    .refine((rates) => Object.values(rates).reduce((sum, rate) => sum + rate, 0) <= 1, 'The chances of all kinds add up to more than 1')
    .default({}),
  retryAfterSeconds: count.default(1),
  slowMs: count.default(0),
  /** A regular expression for what a call is about (a PO number), looked for in its URL and body and recorded with each fault. */
  subjectPattern: z.string().min(1).optional(),
  /** Replays exactly these faults instead of drawing any. */
  script: z.array(chaosFault).optional(),
});
export type ChaosFaults = z.infer<typeof chaosField>;

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
  chaos: chaosField.nullable(),
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
  'status5xxRate' | 'latencyMs' | 'loseResponseOnce' | 'holdResponseOnce' | 'rateLimitNext' | 'retryAfterSeconds' | 'malformedNext' | 'chaos'
>;

/** What `POST /_control/faults` accepts to change StandardFaults; absent fields stay as they are. */
export const faultsChange = faultFields
  .pick({ status5xxRate: true, latencyMs: true, rateLimitNext: true, retryAfterSeconds: true, malformedNext: true, chaos: true })
  .extend(onceFaultFields.path)
  .partial();

export function noFaults(): StandardFaults {
  return {
    status5xxRate: 0,
    latencyMs: 0,
    loseResponseOnce: null,
    holdResponseOnce: null,
    rateLimitNext: 0,
    retryAfterSeconds: 1,
    malformedNext: 0,
    chaos: null,
  };
}

/**
 * The faults the polled channels' sandboxes offer (Amazon, eBay): counted 429s and 500s, no
 * Retry-After unless a test asks for one (neither channel promises it), once-only faults by path prefix.
 */
export type ChannelFaults = Pick<
  Faults<{ method: string; pathPrefix: string }>,
  'rateLimitNext' | 'retryAfterSeconds' | 'status5xxNext' | 'loseResponseOnce' | 'holdResponseOnce' | 'chaos'
>;

/** The fields of ChannelFaults a control request may set; each sandbox adds its actions and makes them optional. */
export const channelFaultFields = faultFields
  .pick({ rateLimitNext: true, status5xxNext: true, chaos: true })
  .extend({ retryAfterSeconds: faultFields.shape.retryAfterSeconds.nullable(), ...onceFaultFields.pathPrefix });

export function noChannelFaults(): ChannelFaults {
  return { rateLimitNext: 0, retryAfterSeconds: null, status5xxNext: 0, loseResponseOnce: null, holdResponseOnce: null, chaos: null };
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
export function installFaults(app: FastifyInstance, faults: Partial<Faults>, requests: RecordedRequest[], dialect: FaultDialect): void {
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

  const chaos = installChaos(app, faults, dialect, answeredByFault);

  const matches = (request: FastifyRequest, target: RequestTarget | null | undefined): target is RequestTarget =>
    !!target && isApi(request) && !answeredByFault.has(request) && targets(request, target);

  app.addHook('onSend', async (request, _reply, payload) => {
    if (chaos.losesResponse(request)) request.raw.socket.destroy();
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

/**
 * Chaos mode: each faultable call draws its fate from the seeded stream (after its body is parsed, so
 * the subject can be read from it), and every fault applied is logged, readable at
 * `GET /_control/chaos?since=<index>`. With a script, only the scripted calls are faulted.
 */
function installChaos(app: FastifyInstance, faults: Partial<Faults>, dialect: FaultDialect, answeredByFault: WeakSet<FastifyRequest>) {
  const { isApi, isFaultable = () => true } = dialect;
  const log: ChaosRecord[] = [];
  const lost = new WeakSet<FastifyRequest>();
  let current: { config: ChaosFaults; random: Random; calls: Map<string, number>; subject: RegExp | null } | null = null;

  const fateOf = (request: FastifyRequest): ChaosKind | null => {
    const config = faults.chaos;
    if (!config || !isApi(request) || !isFaultable(request) || answeredByFault.has(request)) return null;
    if (current?.config !== config) {
      current = { config, random: seededRandom(config.seed), calls: new Map(), subject: config.subjectPattern ? new RegExp(config.subjectPattern) : null };
    }
    const subject = current.subject?.exec(`${request.url} ${JSON.stringify(request.body ?? '')}`)?.[0] ?? null;
    const path = subject ? request.url.replaceAll(subject, '{subject}') : request.url;
    const key = `${request.method} ${path} ${subject}`;
    const nth = (current.calls.get(key) ?? 0) + 1;
    current.calls.set(key, nth);
    const kind = config.script
      ? (config.script.find((f) => f.method === request.method && f.path === path && f.subject === subject && f.nth === nth)?.kind ?? null)
      : draw(config, current.random());
    if (kind) log.push({ at: Date.now(), kind, method: request.method, path, subject, nth });
    return kind;
  };

  app.addHook('preHandler', async (request, reply) => {
    const kind = fateOf(request);
    const config = faults.chaos;
    if (!kind || !config) return;
    if (kind === 'slow') await sleep(config.slowMs);
    else if (kind === 'lost_response') lost.add(request);
    else {
      answeredByFault.add(request);
      if (kind === 'rate_limited') return reply.code(429).header('retry-after', String(config.retryAfterSeconds)).send(dialect.rateLimitedBody);
      return reply.code(500).send(dialect.serverErrorBody);
    }
  });

  app.get<{ Querystring: { since?: string } }>('/_control/chaos', async (request) => ({ data: log.slice(Number(request.query.since ?? 0) || 0) }));

  return { losesResponse: (request: FastifyRequest) => lost.has(request) };
}

function draw(config: ChaosFaults, roll: number): ChaosKind | null {
  let edge = 0;
  for (const kind of CHAOS_KINDS) {
    edge += config.rates[kind] ?? 0;
    if (roll < edge) return kind;
  }
  return null;
}
