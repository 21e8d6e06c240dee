import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { faultFields, installFaults as installSandboxFaults, onceFaultFields, type Faults, type RecordedRequest } from '../../../sandboxes/faults.js';
import { internalFailure, quotaExceeded } from './errors.js';

export type { RecordedRequest };

/**
 * Failures the Amazon sandbox can be told to produce (see sandboxes/faults.ts), on top of its usage
 * plans. They hit the Selling Partner API only, not Login with Amazon, so a test's first token grant
 * is not what consumes them. A 429 carries no Retry-After unless a test asks for one: Amazon sends
 * none. Once-only faults match a method and a path prefix.
 */
export type AmazonFaults = Pick<
  Faults<{ method: string; pathPrefix: string }>,
  'rateLimitNext' | 'retryAfterSeconds' | 'status5xxNext' | 'loseResponseOnce' | 'holdResponseOnce' | 'chaos'
>;

export const faultsChange = faultFields
  .pick({ rateLimitNext: true, status5xxNext: true, chaos: true })
  .extend({
    retryAfterSeconds: faultFields.shape.retryAfterSeconds.nullable(),
    ...onceFaultFields.pathPrefix,
    /** Not a standing fault: ends every access token handed out so far, as if an hour had passed. */
    expireTokensNow: z.literal(true),
    /** Not a standing fault: forgets every getOrders NextToken handed out so far, as if they had expired. */
    expireNextTokensNow: z.literal(true),
  })
  .partial();

export function noFaults(): AmazonFaults {
  return { rateLimitNext: 0, retryAfterSeconds: null, status5xxNext: 0, loseResponseOnce: null, holdResponseOnce: null, chaos: null };
}

export const isSellingPartnerApi = (request: FastifyRequest) => request.url.startsWith('/orders/');

/** Records every request `isApi` accepts (token grants included) and applies the current faults. */
export function installFaults(app: FastifyInstance, faults: AmazonFaults, requests: RecordedRequest[], isApi: (request: FastifyRequest) => boolean): void {
  installSandboxFaults(app, faults, requests, {
    isApi,
    isFaultable: isSellingPartnerApi,
    rateLimitedBody: quotaExceeded().body,
    serverErrorBody: internalFailure().body,
  });
}
