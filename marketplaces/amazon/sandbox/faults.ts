import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  channelFaultFields,
  installFaults as installSandboxFaults,
  noChannelFaults,
  type ChannelFaults,
  type RecordedRequest,
} from '../../../sandboxes/faults.js';
import { internalFailure, quotaExceeded } from './errors.js';

export type { RecordedRequest };

/**
 * Failures the Amazon sandbox can be told to produce (see sandboxes/faults.ts), on top of its usage
 * plans. They hit the Selling Partner API only, not Login with Amazon, so a test's first token grant
 * is not what consumes them. A 429 carries no Retry-After unless a test asks for one: Amazon sends
 * none. Once-only faults match a method and a path prefix.
 */
export const faultsChange = channelFaultFields
  .extend({
    /** Not a standing fault: ends every access token handed out so far, as if an hour had passed. */
    expireTokensNow: z.literal(true),
    /** Not a standing fault: forgets every getOrders NextToken handed out so far, as if they had expired. */
    expireNextTokensNow: z.literal(true),
  })
  .partial();

export const noFaults = noChannelFaults;

export const isSellingPartnerApi = (request: FastifyRequest) => request.url.startsWith('/orders/');

/** Records every request `isApi` accepts (token grants included) and applies the current faults. */
export function installFaults(app: FastifyInstance, faults: ChannelFaults, requests: RecordedRequest[], isApi: (request: FastifyRequest) => boolean): void {
  installSandboxFaults(app, faults, requests, {
    isApi,
    isFaultable: isSellingPartnerApi,
    rateLimitedBody: quotaExceeded().body,
    serverErrorBody: internalFailure().body,
  });
}
