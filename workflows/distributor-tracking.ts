import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { DistributorTrackingInput, DistributorTrackingSummary } from './contracts/distributor-tracking.js';
import { distributorTaskQueue } from './task-queues.js';

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
  const summary: DistributorTrackingSummary = { window: null, pages: 0, listed: 0, signalled: 0, finished: false };
  while (summary.pages < PAGES_PER_RUN) {
    const page = await listing.listTrackingPage(input);
    summary.window = page.window;
    if (page.window) summary.pages += 1;
    summary.listed += page.listed;
    summary.signalled += page.signalled;
    if (page.done) {
      summary.finished = true;
      break;
    }
  }
  return summary;
}
