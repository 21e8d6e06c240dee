import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { DealerDigestInput, DealerDigestResult } from './contracts/dealer-digest.js';

// Reading Postgres is short and idempotent: a local activity needs no task-queue round trip.
const reads = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// The email provider rate-limits a whole team at once, and every dealer's digest tends to fall due in
// the same few minutes: back off generously. Past six hours the digest is stale and would only
// crowd tomorrow's, so the run fails instead and shows in Temporal Web.
const mail = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '6 hours',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * One dealer's daily digest, started by the dealer's schedule: gather what needs them and, if
 * anything does, email it once for the day. The digest is made once per run and handed to every
 * send attempt, so a retry never sends a different email under the same idempotency key.
 */
export async function dealerDigest(input: DealerDigestInput): Promise<DealerDigestResult> {
  // Workflow time: the same instant on replay, so the run's "day" never changes under it.
  const { day, digest } = await reads.gatherDealerDigest({ dealerId: input.dealerId, at: new Date().toISOString() });
  if (!digest) return { day, delivery: 'nothing_to_report', count: 0 };
  const { delivery } = await mail.emailDealerDigest({ dealerId: input.dealerId, digest });
  return { day, delivery, count: digest.count };
}
