import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  channelFaultFields,
  installFaults as installSandboxFaults,
  noChannelFaults,
  type ChannelFaults,
  type RecordedRequest,
} from '../../../sandboxes/faults.js';
import { EbayRejection } from './errors.js';

export type { RecordedRequest };

/**
 * Failures the eBay sandbox can be told to produce (see sandboxes/faults.ts). Rate limits and 5xx hit
 * the Sell API only, so a test's first token grant is not what consumes them; they answer with eBay
 * errors 2001 and 30500. eBay does not promise Retry-After, so by default there is none. Once-only
 * faults match a method and a path prefix.
 */
export const faultsChange = channelFaultFields
  .extend({
    /** Not a standing fault: ends every access token handed out so far, as if two hours had passed. */
    expireTokensNow: z.literal(true),
  })
  .partial();

export const noFaults = noChannelFaults;

/** Records every request `isApi` accepts (token grants included) and applies the current faults. */
export function installFaults(app: FastifyInstance, faults: ChannelFaults, requests: RecordedRequest[], isApi: (request: FastifyRequest) => boolean): void {
  installSandboxFaults(app, faults, requests, {
    isApi,
    isFaultable: (request) => request.url.startsWith('/sell/'),
    rateLimitedBody: new EbayRejection(429, 2001, 'The request limit has been reached for the resource.').body,
    serverErrorBody: new EbayRejection(500, 30500, 'There was a problem with an eBay internal system or process.').body,
  });
}
