import type { TrackingAccount } from '../../activities/tracking.js';

export { distributorTrackingWorkflowId } from '../../domain/ids.js';

/** The workflow type the worker registers (its export name in workflows/index.ts). */
export const DISTRIBUTOR_TRACKING_WORKFLOW = 'distributorTracking';
export type DistributorTrackingWorkflow = (input: DistributorTrackingInput) => Promise<DistributorTrackingSummary>;

export type DistributorTrackingInput = TrackingAccount;

/** One run: the window listed, and how many pages, POs and signals it took. */
export interface DistributorTrackingSummary {
  window: { from: string; to: string } | null;
  pages: number;
  listed: number;
  signalled: number;
  /** False when the run stopped at its page limit; the next run carries on from the saved page. */
  finished: boolean;
  /** Why the distributor refused the listing, when it did (the dealer has an exception saying so). */
  refused?: string;
}
