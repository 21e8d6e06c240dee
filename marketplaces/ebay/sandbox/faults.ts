import { z } from 'zod';
import { channelFaultFields, type FaultDialect } from '../../../sandboxes/faults.js';
import { EbayRejection } from './errors.js';

/**
 * Failures the eBay sandbox can be told to produce (sandboxes/faults.ts, ChannelFaults). Rate limits
 * and 5xx hit the Sell API only, so a test's first token grant is not what consumes them; they answer
 * with eBay errors 2001 and 30500. eBay does not promise Retry-After, so by default there is none.
 * Once-only faults match a method and a path prefix.
 */
export const faultsChange = channelFaultFields
  .extend({
    /** Not a standing fault: ends every access token handed out so far, as if two hours had passed. */
    expireTokensNow: z.literal(true),
  })
  .partial();

/** Which requests faults hit, and how eBay words a 429 and a 500. */
export const FAULT_ANSWERS: Omit<FaultDialect, 'isApi'> = {
  isFaultable: (request) => request.url.startsWith('/sell/'),
  rateLimitedBody: new EbayRejection(429, 2001, 'The request limit has been reached for the resource.').body,
  serverErrorBody: new EbayRejection(500, 30500, 'There was a problem with an eBay internal system or process.').body,
};
