import * as wf from '@temporalio/workflow';
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/common';
import type { Activities } from '../activities/index.js';
import type { CatalogFeedImportInput, FeedImportSummary } from './contracts/catalog-feed-import.js';

// An unreachable server is retried through the morning; a wrong password or a missing file fails at
// once (non-retryable). The activity heartbeats per committed batch, so a dead worker or a stalled
// download is noticed within two minutes and the next attempt resumes after the last committed line.
const feedImport = wf.proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '2 minutes',
  scheduleToCloseTimeout: '6 hours',
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

const records = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One import of a dealer's price/inventory file from one distributor, usually started by the
 * dealer's daily schedule. It carries no credentials: the activity loads and decrypts them. An import
 * that cannot finish leaves its reason on the summary row and fails the run, so it shows in Temporal Web.
 */
export async function catalogFeedImport(input: CatalogFeedImportInput): Promise<FeedImportSummary> {
  const ref = { ...input, importId: wf.uuid4() };
  try {
    return await feedImport.importCatalogFeed(ref);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const reason =
      error.cause instanceof TimeoutFailure ? 'The import stopped making progress and ran out of attempts' : (error.cause?.message ?? error.message);
    await records.recordFeedImportFailure({ ...ref, error: reason });
    throw ApplicationFailure.create({ type: 'FeedImportFailed', message: reason, nonRetryable: true });
  }
}
