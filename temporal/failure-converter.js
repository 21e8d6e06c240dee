// Plain JavaScript on purpose: the SDK loads this file with require() wherever a worker, a client or a
// replay runs (tsx, vitest, the image) and bundles it into the workflow code, and only .js loads in all.
import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces go into an encoded payload instead of plain text, so the payload
 * codec encrypts them: a distributor's error can quote the buyer's name or address.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
