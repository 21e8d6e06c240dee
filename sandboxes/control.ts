import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

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
