import {
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleHandle,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleUpdateOptions,
} from '@temporalio/client';
import { dealerDigestScheduleId } from '../domain/ids.js';
import { DEALER_DIGEST_WORKFLOW, dealerDigestWorkflowId, type DealerDigestWorkflow } from '../workflows/contracts/dealer-digest.js';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';
import { saveSchedule } from './schedules.js';

/** When a dealer's digest goes out; the field names are those of the saved digest settings. */
export interface DealerDigestTiming {
  dealerId: string;
  /** IANA time zone of the dealer: 07:00 means 07:00 where the dealer is, through daylight saving. */
  timeZone: string;
  hour: number;
  minute: number;
  enabled: boolean;
}

/**
 * Creates the Temporal Schedule of a dealer's daily digest, or brings an existing one in line with the
 * settings (turned off, it is paused rather than deleted, so its history stays). Idempotent.
 */
export async function saveDealerDigestSchedule(client: Client, taskQueue: string, timing: DealerDigestTiming): Promise<ScheduleHandle> {
  const scheduleId = dealerDigestScheduleId(timing.dealerId);
  const schedule: ScheduleUpdateOptions<ScheduleOptionsStartWorkflowAction<DealerDigestWorkflow>> = {
    spec: {
      calendars: [{ hour: timing.hour, minute: timing.minute }],
      timezone: timing.timeZone,
      // Most dealers keep the default hour, and the email provider's rate limit is per account: spread them.
      jitter: '5 minutes',
    },
    action: {
      type: 'startWorkflow',
      workflowType: DEALER_DIGEST_WORKFLOW,
      workflowId: dealerDigestWorkflowId(timing.dealerId),
      taskQueue,
      args: [{ dealerId: timing.dealerId }],
      typedSearchAttributes: [{ key: SEARCH_ATTRIBUTES.DealerId, value: timing.dealerId }],
    },
    policies: {
      overlap: ScheduleOverlapPolicy.SKIP,
      // A digest missed while Temporal was down still goes out that morning; older ones are superseded by the next.
      catchupWindow: '6 hours',
    },
    state: timing.enabled ? { paused: false } : { paused: true, note: 'The dealer turned the daily digest off' },
  };
  return saveSchedule(client, scheduleId, schedule);
}
