import {
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleUpdateOptions,
} from '@temporalio/client';
import type { DistributorId } from '../domain/distributors.js';
import { trackingScheduleId } from '../domain/ids.js';
import { DISTRIBUTOR_TRACKING_WORKFLOW, distributorTrackingWorkflowId, type DistributorTrackingWorkflow } from '../workflows/contracts/distributor-tracking.js';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';
import { saveSchedule } from './schedules.js';

export interface TrackingAccountRef {
  dealerId: string;
  distributor: DistributorId;
}

/**
 * Creates the Temporal Schedule that lists a dealer's orders at a distributor every `everyMs` and
 * signals the POs whose report changed, or brings the existing one in line (a changed interval).
 * Idempotent: the schedule id comes from the dealer and the distributor.
 */
export async function saveTrackingSchedule(client: Client, taskQueue: string, account: TrackingAccountRef, everyMs: number): Promise<void> {
  const schedule: ScheduleUpdateOptions<ScheduleOptionsStartWorkflowAction<DistributorTrackingWorkflow>> = {
    spec: { intervals: [{ every: everyMs }], jitter: Math.min(30_000, everyMs / 10) },
    action: {
      type: 'startWorkflow',
      workflowType: DISTRIBUTOR_TRACKING_WORKFLOW,
      workflowId: distributorTrackingWorkflowId(account.dealerId, account.distributor),
      taskQueue,
      args: [account],
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.DealerId, value: account.dealerId },
        { key: SEARCH_ATTRIBUTES.Distributor, value: account.distributor },
      ],
    },
    policies: {
      // One listing at a time per account; a run still going when the next is due makes that one unnecessary.
      overlap: ScheduleOverlapPolicy.SKIP,
      // What a run lists comes from the open POs and the saved page, not from the schedule: one late run catches up.
      catchupWindow: Math.max(60_000, everyMs),
    },
    state: { paused: false },
  };
  await saveSchedule(client, trackingScheduleId(account.dealerId, account.distributor), schedule);
}

/** Stops an account's tracking poller; nothing to do when it has none. Its POs fall back on their safety checks. */
export async function deleteTrackingSchedule(client: Client, account: TrackingAccountRef): Promise<void> {
  try {
    await client.schedule.getHandle(trackingScheduleId(account.dealerId, account.distributor)).delete();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}
