import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { DistributorTrackingInput, DistributorTrackingSummary } from './contracts/distributor-tracking.js';
import { distributorTaskQueue } from './task-queues.js';

/** Patch ids: each marks a path that running workflows, started before it, must keep taking. */
export const TRACKING_PATCHES = {
  /** A listing the distributor refuses opens the account's exception; one that works closes it. */
  refusalAlert: 'distributor-tracking-refusal-alert',
} as const;

// Postgres writes: short and idempotent, no task-queue round trip.
const records = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** A run ends after this many pages (its history stays small); the next run resumes at the saved page. */
const PAGES_PER_RUN = 500;

/**
 * One poll of a dealer's orders at a distributor that lists them, started by the account's schedule:
 * page by page, each page one activity on the distributor's rate-limited task queue, which signals
 * the POs whose report changed. The position is in Postgres, so a run that dies (or a retried page)
 * carries on where it was; a page that cannot be listed fails the run and the next run resumes it.
 */
export async function distributorTracking(input: DistributorTrackingInput): Promise<DistributorTrackingSummary> {
  const listing = wf.proxyActivities<Activities>({
    taskQueue: distributorTaskQueue(wf.workflowInfo().taskQueue, input.distributor),
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '10 seconds',
    scheduleToCloseTimeout: '30 minutes',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  const alerts = wf.patched(TRACKING_PATCHES.refusalAlert);
  const summary: DistributorTrackingSummary = { window: null, pages: 0, listed: 0, signalled: 0, finished: false };
  while (summary.pages < PAGES_PER_RUN) {
    let page: Awaited<ReturnType<typeof listing.listTrackingPage>>;
    try {
      page = await listing.listTrackingPage(input);
    } catch (error) {
      const refusal = alerts ? distributorRefusal(error) : null;
      if (refusal === null) throw error;
      // Retrying cannot help (a refused key, an account not set up): the dealer is the one who can.
      await records.listingRefused({ ...input, reason: refusal, runId: wf.workflowInfo().runId });
      return { ...summary, refused: refusal };
    }
    summary.window = page.window;
    if (page.window) summary.pages += 1;
    summary.listed += page.listed;
    summary.signalled += page.signalled;
    if (page.done) {
      summary.finished = true;
      if (alerts) await records.listingWorks(input);
      break;
    }
  }
  return summary;
}

/** The distributor's own permanent refusal of the listing, as the dealer should read it; null for anything else. */
function distributorRefusal(error: unknown): string | null {
  if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)) return null;
  const { type, nonRetryable, message } = error.cause;
  return nonRetryable && type?.startsWith('Distributor:') ? message : null;
}
