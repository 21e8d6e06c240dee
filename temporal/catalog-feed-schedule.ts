import {
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleHandle,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleUpdateOptions,
} from '@temporalio/client';
import type { DistributorId } from '../domain/distributors.js';
import { catalogFeedScheduleId } from '../domain/ids.js';
import { CATALOG_FEED_IMPORT_WORKFLOW, catalogFeedImportWorkflowId, type CatalogFeedImportWorkflow } from '../workflows/contracts/catalog-feed-import.js';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';
import { saveSchedule } from './schedules.js';

/** When a feed is imported; the field names are those of a catalog_feeds row, so one can be passed as is. */
export interface CatalogFeedTiming {
  dealerId: string;
  distributor: DistributorId;
  /** IANA time zone of the dealer: "every morning" means the dealer's morning. */
  timeZone: string;
  scheduleHour: number;
  scheduleMinute: number;
  /** Overrides hour and minute when set, e.g. "0 5,17 * * 1-6". */
  scheduleCron: string | null;
  enabled: boolean;
}

/**
 * Creates the Temporal Schedule that imports a dealer's feed, or brings an existing one in line with
 * the settings (a disabled feed's schedule is paused, not deleted, so its history stays). Idempotent.
 */
export async function saveCatalogFeedSchedule(client: Client, taskQueue: string, feed: CatalogFeedTiming): Promise<ScheduleHandle> {
  const scheduleId = catalogFeedScheduleId(feed.dealerId, feed.distributor);
  const schedule: ScheduleUpdateOptions<ScheduleOptionsStartWorkflowAction<CatalogFeedImportWorkflow>> = {
    spec: {
      ...(feed.scheduleCron ? { cronExpressions: [feed.scheduleCron] } : { calendars: [{ hour: feed.scheduleHour, minute: feed.scheduleMinute }] }),
      timezone: feed.timeZone,
      // Every dealer of a distributor tends to pick the same hour; a few minutes' spread spares its server.
      jitter: '5 minutes',
    },
    action: {
      type: 'startWorkflow',
      workflowType: CATALOG_FEED_IMPORT_WORKFLOW,
      workflowId: catalogFeedImportWorkflowId(feed.dealerId, feed.distributor),
      taskQueue,
      args: [{ dealerId: feed.dealerId, distributor: feed.distributor }],
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.DealerId, value: feed.dealerId },
        { key: SEARCH_ATTRIBUTES.Distributor, value: feed.distributor },
      ],
    },
    policies: {
      // One import at a time per feed; a morning whose import is still running is skipped, not queued.
      overlap: ScheduleOverlapPolicy.SKIP,
      // A run missed while Temporal was down still happens that day; older ones are superseded by the next morning's.
      catchupWindow: '6 hours',
    },
    state: feed.enabled ? { paused: false } : { paused: true, note: 'The dealer turned this feed off' },
  };
  return saveSchedule(client, scheduleId, schedule);
}
