import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RecordedRequest } from './faults.js';

/**
 * The `/_control` side every sandbox shares: tests create orders, read what the connector did and
 * inject faults through it, and only loopback callers may.
 */

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export const isControl = (request: FastifyRequest) => request.url.startsWith('/_control');

/** A `/_control` request the sandbox cannot carry out; answered as `{ message }`. */
export class ControlRejection extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseControl<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new ControlRejection(400, z.prettifyError(parsed.error));
  return parsed.data;
}

export const LOOPBACK_ONLY = 'The control API only answers loopback callers.';

export interface ControlGuard {
  /** Which requests only loopback may make: `/_control` unless a sandbox keeps more to itself. */
  guards?: (request: FastifyRequest) => boolean;
  /** The 403's body, in the error shape of the sandbox's own control API. */
  refusal?: unknown;
}

/** Refuses control requests from anywhere but loopback. */
export function guardControl(app: FastifyInstance, { guards = isControl, refusal = { message: LOOPBACK_ONLY } }: ControlGuard = {}): void {
  app.addHook('onRequest', async (request, reply) => {
    if (guards(request) && !LOOPBACK.has(request.ip)) return reply.code(403).send(refusal);
  });
}

/** A quantity of one SKU, as control requests name what to ship, backorder or cancel. */
export const controlItem = z.object({ sku: z.string().min(1), quantity: z.number().int().positive() });
export type ControlItem = z.infer<typeof controlItem>;

const itemsChange = z.object({ items: z.array(controlItem).min(1).optional() }).optional();

/** How a distributor sandbox moves a PO's lines, and what it answers with after each move. */
export interface LineMoves<Package> {
  /** One package a ship request may name, in the distributor's own words (tracking_number, carrier…). */
  package: z.ZodType<Package>;
  /** The sandbox's store, which makes the moves. */
  store: {
    ship(po: string, packages: Package[] | undefined): unknown;
    backorder(po: string, items: ControlItem[] | undefined): unknown;
    cancel(po: string, items: ControlItem[] | undefined): unknown;
  };
  /** The sandbox's orders under the PO, as its `GET /_control/orders` shows them. */
  answer(po: string): unknown;
}

/**
 * `POST /_control/orders/:po/ship`, `/backorder` and `/cancel`: without a body they take all that is
 * left; `packages` or `items` name just some.
 */
export function controlLineMoves<Package>(app: FastifyInstance, moves: LineMoves<Package>): void {
  const shipment = z.object({ packages: z.array(moves.package).min(1).optional() }).optional();
  app.post<{ Params: { po: string } }>('/_control/orders/:po/ship', async (request) => {
    moves.store.ship(request.params.po, parseControl(shipment, request.body)?.packages);
    return moves.answer(request.params.po);
  });
  for (const move of ['backorder', 'cancel'] as const) {
    app.post<{ Params: { po: string } }>(`/_control/orders/:po/${move}`, async (request) => {
      moves.store[move](request.params.po, parseControl(itemsChange, request.body)?.items);
      return moves.answer(request.params.po);
    });
  }
}

/** `POST /_control/reset`: the sandbox as it started, answered 204. */
export function controlReset(app: FastifyInstance, reset: () => void): void {
  app.post('/_control/reset', async (_request, reply) => {
    reset();
    return reply.code(204).send();
  });
}

/** Runs a sandbox on loopback: `listen` resolves to its base URL, and port 0 picks a free port. */
export const onLoopback = (app: FastifyInstance) => ({
  listen: (port = 0) => app.listen({ host: '127.0.0.1', port }),
  close: () => app.close(),
});

/** What sets one sandbox apart from the others in how it starts, guards and answers errors. */
export interface SandboxSetup<F extends object> {
  noFaults: () => F;
  /** Records the API's requests and applies the faults, worded as the sandbox's API would. */
  installFaults: (app: FastifyInstance, faults: F, requests: RecordedRequest[]) => void;
  /** Ends every fault in place; by default the fields of noFaults() are assigned over them. */
  clearFaults?: (faults: F) => void;
  /** What only loopback may ask, and the 403 to anyone else; see guardControl. */
  guard?: ControlGuard;
  /** API requests only known callers may make; the rest are answered 401 with `unauthorized`. */
  admits?: { caller: (request: FastifyRequest) => boolean; unauthorized: unknown };
  /** Body of a rejected control request, in the error shape of the sandbox's control API. */
  controlError?: (rejection: ControlRejection) => unknown;
  /** The API's own error answer for `error`, or undefined when it is not one of the API's errors. */
  apiError?: (error: unknown) => { statusCode: number; body: unknown } | undefined;
}

/**
 * A sandbox's Fastify app with the plumbing every sandbox shares: faults and recorded requests,
 * control requests kept to loopback, control rejections answered, and `POST /_control/faults`,
 * `POST /_control/reset` and `serve` to finish it. The sandbox adds only its own routes.
 */
export function createSandbox<F extends object>(setup: SandboxSetup<F>) {
  const { noFaults, controlError = ({ message }: ControlRejection) => ({ message }) } = setup;
  const clearFaults = setup.clearFaults ?? ((faults: F) => Object.assign(faults, noFaults()));
  const app: FastifyInstance = Fastify();
  const faults = noFaults();
  const requests: RecordedRequest[] = [];

  setup.installFaults(app, faults, requests);
  guardControl(app, setup.guard);
  const { admits } = setup;
  if (admits) {
    app.addHook('onRequest', async (request, reply) => {
      if (!isControl(request) && !admits.caller(request)) return reply.code(401).send(admits.unauthorized);
    });
  }
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ControlRejection) return reply.code(error.statusCode).send(controlError(error));
    const answer = setup.apiError?.(error);
    if (!answer) throw error;
    return reply.code(answer.statusCode).send(answer.body);
  });

  return {
    app,
    faults,
    requests,
    /**
     * `POST /_control/faults`: `apply` takes the parsed change (by default assigning it over the
     * faults); answered with the faults under `key`.
     */
    controlFaults<C>(
      schema: z.ZodType<C>,
      { key = 'data', apply = (change: C) => Object.assign(faults, change) }: { key?: 'data' | 'faults'; apply?: (change: C) => void } = {},
    ) {
      app.post('/_control/faults', async (request) => {
        apply(parseControl(schema, request.body));
        return { [key]: faults };
      });
    },
    /** `POST /_control/reset`: `reset` empties the sandbox's own state; faults and recorded requests go too. */
    controlReset(reset: () => void) {
      controlReset(app, () => {
        reset();
        clearFaults(faults);
        requests.length = 0;
      });
    },
    /** The finished sandbox: its app, what tests may inspect, and `listen`/`close` on loopback. */
    serve<S extends object>(state: S) {
      return { app, state: { ...state, requests, faults }, ...onLoopback(app) };
    },
  };
}
