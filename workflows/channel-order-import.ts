import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { ChannelOrderImportInput, ChannelOrderImportSummary } from './contracts/channel-order-import.js';

// Marketplace outages and throttling are retried within the run; a refused refresh token fails it at
// once (non-retryable), so it shows in Temporal Web. A run that cannot finish leaves the cursor where
// it was, and the next scheduled run starts from there. The activity heartbeats while it reads, so a
// dead worker is noticed in seconds and the retry resumes at the last committed page.
const intake = wf.proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '20 seconds',
  scheduleToCloseTimeout: '30 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One poll of a dealer's eBay or Amazon orders, started by the account's schedule: every order
 * modified since the last poll is taken in once. It carries no credentials; the activity loads them.
 */
export async function channelOrderImport(input: ChannelOrderImportInput): Promise<ChannelOrderImportSummary> {
  return intake.importChannelOrders(input);
}
