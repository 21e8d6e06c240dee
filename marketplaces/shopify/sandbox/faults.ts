import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { faultFields, installFaults as installSandboxFaults, type Faults, type RecordedRequest } from '../../../sandboxes/faults.js';
import { THROTTLED_CODE } from '../contract.js';

export type { RecordedRequest };

/**
 * Failures the Shopify sandbox can be told to produce (see sandboxes/faults.ts), on top of its cost
 * bucket. Every GraphQL call shares one path, so the once-only faults name the operation's root
 * field (`fulfillmentCreate`) rather than a path. A 429 from `rateLimitNext` is the HTTP layer's,
 * with Retry-After when one is set; a drained bucket answers Shopify's THROTTLED instead.
 */

interface FieldTarget {
  field: string;
}

/** The counted faults go to the shared module; the once-only ones, named by field, stay here. */
export interface ShopifyFaults {
  counted: Pick<Faults, 'rateLimitNext' | 'retryAfterSeconds' | 'status5xxNext' | 'chaos'>;
  once: {
    loseResponseOnce: FieldTarget | null;
    holdResponseOnce: (FieldTarget & { ms: number }) | null;
  };
}

const fieldTarget = z.object({ field: z.string().min(1) });

export const faultsChange = faultFields
  .pick({ rateLimitNext: true, status5xxNext: true, chaos: true })
  .extend({
    retryAfterSeconds: faultFields.shape.retryAfterSeconds.nullable(),
    loseResponseOnce: fieldTarget.nullable(),
    holdResponseOnce: fieldTarget.extend({ ms: z.number().int().min(0) }).nullable(),
    /** Not a standing fault: leaves this many points in the cost bucket. */
    bucketAvailable: z.number().min(0),
  })
  .partial();

export function noFaults(): ShopifyFaults {
  return {
    counted: { rateLimitNext: 0, retryAfterSeconds: null, status5xxNext: 0, chaos: null },
    once: { loseResponseOnce: null, holdResponseOnce: null },
  };
}

/** Ends every fault in place: the fault hooks hold on to these very objects. */
export function clearFaults(faults: ShopifyFaults): void {
  const none = noFaults();
  Object.assign(faults.counted, none.counted);
  Object.assign(faults.once, none.once);
}

/** Applies a parsed `POST /_control/faults`; fields it leaves out stay as they are. */
export function changeFaults(faults: ShopifyFaults, change: Omit<z.infer<typeof faultsChange>, 'bucketAvailable'>): void {
  const { loseResponseOnce, holdResponseOnce, ...counted } = change;
  Object.assign(faults.counted, counted);
  if (loseResponseOnce !== undefined) faults.once.loseResponseOnce = loseResponseOnce;
  if (holdResponseOnce !== undefined) faults.once.holdResponseOnce = holdResponseOnce;
}

export const THROTTLED_ERROR = {
  message: 'Throttled',
  extensions: { code: THROTTLED_CODE, documentation: 'https://shopify.dev/api/usage/rate-limits' },
};

/**
 * Records every API request and applies the current faults. `rootFieldsOf` names the root fields of
 * the operation a request ran, once the handler has parsed it.
 */
export function installFaults(
  app: FastifyInstance,
  faults: ShopifyFaults,
  requests: RecordedRequest[],
  isApi: (request: FastifyRequest) => boolean,
  rootFieldsOf: (request: FastifyRequest) => string[],
): void {
  installSandboxFaults(app, faults.counted, requests, {
    isApi,
    rateLimitedBody: { errors: [THROTTLED_ERROR] },
    serverErrorBody: {
      errors: [{ message: 'Internal error. Looks like something went wrong on our end.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    },
  });

  const ran = (request: FastifyRequest, target: FieldTarget | null): target is FieldTarget => !!target && rootFieldsOf(request).includes(target.field);

  app.addHook('onSend', async (request, _reply, payload) => {
    if (ran(request, faults.once.loseResponseOnce)) {
      faults.once.loseResponseOnce = null;
      request.raw.socket.destroy();
    }
    const hold = faults.once.holdResponseOnce;
    if (ran(request, hold)) {
      faults.once.holdResponseOnce = null;
      await sleep(hold.ms);
    }
    return payload;
  });
}
