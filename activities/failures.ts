import { ApplicationFailure } from '@temporalio/activity';
import { ChannelError } from '../marketplaces/types.js';
import { DistributorError } from '../distributors/types.js';
import type { SubmissionFacts } from '../domain/purchase-order.js';
import { EmailError } from '../notifications/types.js';

/**
 * Turns an adapter's error into the failure Temporal acts on: permanent ones stop retries at once and
 * carry the adapter's message for the dealer; rate limits wait as long as the remote system asked.
 */
export function toActivityFailure(error: unknown): unknown {
  if (error instanceof DistributorError || error instanceof EmailError || error instanceof ChannelError) {
    const source = error.name.replace('Error', '');
    return ApplicationFailure.create({
      type: `${source}:${error.kind}`,
      message: error.message,
      nonRetryable: !error.retryable,
      ...(error.retryAfterMs ? { nextRetryDelay: error.retryAfterMs } : {}),
    });
  }
  return error;
}

/** Runs an adapter call, translating its errors. */
export async function adapterCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toActivityFailure(error);
  }
}

/**
 * Makes a failed submission attempt carry what it knows for sure. Non-retryable failures end the
 * activity, so only they need the facts; retryable ones pass through unchanged.
 */
export function withSubmissionFacts(error: unknown, facts: SubmissionFacts): unknown {
  const failure = toActivityFailure(error);
  if (!(failure instanceof ApplicationFailure) || !failure.nonRetryable) return failure;
  return ApplicationFailure.create({ type: failure.type ?? undefined, message: failure.message, nonRetryable: true, details: [facts] });
}
