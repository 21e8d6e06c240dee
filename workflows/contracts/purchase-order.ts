import type { Priority } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CancellationInput } from '../../domain/cancellation.js';

export type { CancellationInput } from '../../domain/cancellation.js';
import type { DistributorId } from '../../domain/distributors.js';
import type { ListedReport, PoStatus } from '../../domain/purchase-order.js';

export { purchaseOrderWorkflowId } from '../../domain/ids.js';

/** The workflow type the worker registers (its export name in workflows/index.ts). */
export const PURCHASE_ORDER_WORKFLOW = 'purchaseOrder';

/** The server's default priority, set outright: a PO started by a drop-ship would otherwise inherit the drop-ship's. */
export const PURCHASE_ORDER_PRIORITY: Priority = { priorityKey: 3 };
export type PurchaseOrderWorkflow = (input: PurchaseOrderInput) => Promise<PurchaseOrderState>;

export interface PurchaseOrderInput {
  dealerId: string;
  orderId: string;
  poNumber: string;
  distributor: DistributorId;
  /** How often the distributor is asked for news. */
  pollIntervalMs: number;
  /** After this long without the PO fully shipped, tracking stops and the dealer is told. */
  giveUpAfterMs: number;
  /** How long transient trouble may hold up the submission before it is given up (3 days unless set). */
  submitGiveUpAfterMs?: number;
  /** How long the final lookup after a failed submission may take (10 minutes unless set). */
  verifyWithinMs?: number;
  /** 2 for the dealer's first retry of a failed or unverified PO, and so on; absent on the first run. */
  attempt?: number;
  /** The order's sales channel; a website order has none to push tracking to. Absent in runs started without it, which push as before. */
  channel?: string;
  /** The order's ship-by deadline (ISO 8601): the dealer is told a day before it if the PO has not shipped (workflows/ship-by-watch.ts). */
  shipBy?: string;
  /**
   * `listing`: the PO waits for its account's tracking poller (listedReportSignal) and looks itself up
   * only when the listing has not seen it for `safetyCheckMs`. `polling` (and absent, in runs started
   * before listing existed): the PO asks its distributor every `pollIntervalMs`.
   */
  tracking?: 'listing' | 'polling';
  /** With `listing`: how long the PO waits without news before its safety check (24 hours unless set). */
  safetyCheckMs?: number;
}

export interface PurchaseOrderState {
  poNumber: string;
  distributor: DistributorId;
  status: PoStatus;
  trackingNumbers: string[];
  failureReason: string | null;
  giveUpAt: number | null;
  /** Set once the dealer (or the channel, or a failover) asked the distributor to cancel what has not shipped. */
  cancellationRequested?: boolean;
}

/** The account's tracking poller: what the distributor's order list now reports of this PO (a PO tracked by listing). */
export const listedReportSignal = defineSignal<[ListedReport]>('listedReport');

export const purchaseOrderStatusQuery = defineQuery<PurchaseOrderState>('status');
/** Asks the distributor to cancel what has not shipped; refused (InvalidState) when nothing is left to cancel. */
export const requestCancellationUpdate = defineUpdate<PurchaseOrderState, [CancellationInput]>('requestCancellation');
