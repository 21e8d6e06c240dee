import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { channelFaultFields, type FaultDialect } from '../../../sandboxes/faults.js';
import { internalFailure, quotaExceeded } from './errors.js';

/**
 * Failures the Amazon sandbox can be told to produce (sandboxes/faults.ts, ChannelFaults), on top of
 * its usage plans. They hit the Selling Partner API only, not Login with Amazon, so a test's first
 * token grant is not what consumes them. A 429 carries no Retry-After unless a test asks for one:
 * Amazon sends none. Once-only faults match a method and a path prefix.
 */
export const faultsChange = channelFaultFields
  .extend({
    /** Not a standing fault: ends every access token handed out so far, as if an hour had passed. */
    expireTokensNow: z.literal(true),
    /** Not a standing fault: forgets every searchOrders and getOrders next-page token handed out so far, as if they had expired. */
    expireNextTokensNow: z.literal(true),
  })
  .partial();

export const isSellingPartnerApi = (request: FastifyRequest) => request.url.startsWith('/orders/');

/** Which requests faults hit, and how Amazon words a 429 and a 500. */
export const FAULT_ANSWERS: Omit<FaultDialect, 'isApi'> = {
  isFaultable: isSellingPartnerApi,
  rateLimitedBody: quotaExceeded().body,
  serverErrorBody: internalFailure().body,
};
