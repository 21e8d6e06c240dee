import { defineQuery } from '@temporalio/workflow';
import type { DistributorId } from '../../domain/distributors.js';
import type { PoStatus } from '../../domain/purchase-order.js';

export { purchaseOrderWorkflowId } from '../../domain/ids.js';

/** The workflow type the worker registers (its export name in workflows/index.ts). */
export const PURCHASE_ORDER_WORKFLOW = 'purchaseOrder';
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
  /** The order's ship-by deadline (ISO 8601): the dealer is told a day before it if the PO has not shipped (workflows/ship-by-watch.ts). */
  shipBy?: string;
}

export interface PurchaseOrderState {
  poNumber: string;
  distributor: DistributorId;
  status: PoStatus;
  trackingNumbers: string[];
  failureReason: string | null;
  giveUpAt: number | null;
}

export const purchaseOrderStatusQuery = defineQuery<PurchaseOrderState>('status');
