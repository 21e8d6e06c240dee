import type { PoStatus } from './purchase-order.js';

/**
 * What a status means, as the end of a sentence about the purchase order ("This purchase order …",
 * "A purchase order that …"): a status word glued into a sentence ("is partially_shipped") reads as
 * a field value, not as English.
 */
export const PO_STATUS_PHRASES: Record<PoStatus, string> = {
  pending: 'has not been sent to the distributor yet',
  submitted: 'was sent and the distributor has not answered yet',
  accepted: 'was accepted by the distributor',
  backordered: 'is backordered at the distributor',
  partially_shipped: 'has partly shipped',
  shipped: 'has shipped',
  cancelled: 'was cancelled',
  needs_attention: 'cannot be checked at the distributor right now',
  failed: 'was verified as not placed',
  unknown: 'could not be verified as placed or not',
  given_up: 'never shipped and is no longer tracked',
};

/** What a drop-ship's status means, as the end of "This drop-ship …". */
export const DROPSHIP_STATUS_PHRASES: Record<string, string> = {
  starting: 'is starting',
  planning: 'is still routing its lines',
  awaiting_confirmation: 'is waiting for your confirmation',
  submitting: 'is placing its purchase orders',
  in_progress: 'has placed its purchase orders',
  completed: 'is complete',
  needs_resolution: 'has lines to resolve',
  cancelled: 'was cancelled',
  expired: 'expired without a confirmation',
};

/** The phrase for a PO status; a status without one is said in words rather than as a code. */
export const poStatusPhrase = (status: string) => PO_STATUS_PHRASES[status as PoStatus] ?? `is ${status.replaceAll('_', ' ')}`;
export const dropshipStatusPhrase = (status: string) => DROPSHIP_STATUS_PHRASES[status] ?? `is ${status.replaceAll('_', ' ')}`;
