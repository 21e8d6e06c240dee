import { distributorProfile, type DistributorId } from './distributors.js';

/** Workflow ids come from business keys, so a retried start finds the run it already made. */
export function dropshipWorkflowId(dealerId: string, orderId: string, sequence: number): string {
  return `dropship:${dealerId}:${orderId}:${sequence}`;
}

export function purchaseOrderWorkflowId(dealerId: string, poNumber: string): string {
  return `po:${dealerId}:${poNumber}`;
}

/** The generated PO number for one distributor of a drop-ship, e.g. DL001000-W. The dealer may edit it. */
export function defaultPoNumber(poBase: string, distributor: DistributorId): string {
  return `${poBase}-${distributorProfile(distributor).poSuffix}`;
}

export function poBase(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(6, '0')}`;
}

/** The daily import schedule of one dealer's feed from one distributor. */
export function catalogFeedScheduleId(dealerId: string, distributor: DistributorId): string {
  return `catalog-feed:${dealerId}:${distributor}`;
}

/** Scheduled runs get the scheduled time appended to this by Temporal, so each morning's run has its own id. */
export function catalogFeedImportWorkflowId(dealerId: string, distributor: DistributorId): string {
  return `catalog-feed-import:${dealerId}:${distributor}`;
}

/** The daily digest schedule of one dealer. */
export function dealerDigestScheduleId(dealerId: string): string {
  return `daily-digest:${dealerId}`;
}

/** Scheduled runs get the scheduled time appended to this by Temporal, so each day's run has its own id. */
export function dealerDigestWorkflowId(dealerId: string): string {
  return `dealer-digest:${dealerId}`;
}

/** The order poll of one dealer's marketplace account. */
export function channelOrderScheduleId(dealerId: string, channel: string): string {
  return `channel-orders:${dealerId}:${channel}`;
}

/** Scheduled runs get the scheduled time appended to this by Temporal. */
export function channelOrderImportWorkflowId(dealerId: string, channel: string): string {
  return `channel-order-import:${dealerId}:${channel}`;
}

/** The tracking poller of one dealer's account at a distributor that lists orders. */
export function trackingScheduleId(dealerId: string, distributor: string): string {
  return `tracking:${dealerId}:${distributor}`;
}

/** Scheduled runs get the scheduled time appended to this by Temporal. */
export function distributorTrackingWorkflowId(dealerId: string, distributor: string): string {
  return `distributor-tracking:${dealerId}:${distributor}`;
}
