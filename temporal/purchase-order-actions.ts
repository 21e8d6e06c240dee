import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { poTracking } from '../domain/batched-tracking.js';
import type { DistributorId } from '../domain/distributors.js';
import type { ListedReport, PoStatus } from '../domain/purchase-order.js';
import {
  PURCHASE_ORDER_WORKFLOW,
  purchaseOrderWorkflowId,
  listedReportSignal,
  requestCancellationUpdate,
  type CancellationInput,
  type PurchaseOrderInput,
  type PurchaseOrderWorkflow,
} from '../workflows/contracts/purchase-order.js';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';
import type { DropshipStarter } from './dropship-start.js';
import { sendAccepted } from './update-acceptance.js';

/**
 * Asks a PO's running workflow to request cancellation at the distributor, and returns once it has
 * accepted (and recorded) the request; the distributor is asked after. False when the PO is no longer
 * tracked (its workflow is over); a PO with nothing left to cancel is refused with the workflow's reason.
 */
export async function requestCancellation(client: Client, dealerId: string, poNumber: string, input: CancellationInput): Promise<boolean> {
  const handle = client.workflow.getHandle<PurchaseOrderWorkflow>(purchaseOrderWorkflowId(dealerId, poNumber));
  try {
    await sendAccepted(client, handle, requestCancellationUpdate, input);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** Tells a PO's running workflow what its distributor's order list reports; false when the PO is no longer tracked. */
export async function signalListedReport(client: Client, dealerId: string, poNumber: string, news: ListedReport): Promise<boolean> {
  try {
    await client.workflow.getHandle<PurchaseOrderWorkflow>(purchaseOrderWorkflowId(dealerId, poNumber)).signal(listedReportSignal, news);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** The workflow's refusal of an Update, when that is what the error is. */
export function updateRefusal(error: unknown): ApplicationFailure | null {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? error.cause : null;
}

/**
 * Runs a failed or unverified PO again under its own workflow id and PO number: the submission looks the
 * PO up before sending anything, so a PO that did reach the distributor is found, never placed twice.
 * The run before it must be over; a PO still running is refused by Temporal (WorkflowExecutionAlreadyStartedError).
 */
export function startPurchaseOrderRetry(
  starter: DropshipStarter,
  po: { dealerId: string; orderId: string; poNumber: string; distributor: DistributorId; channelOrderId: string; channel: string; shipBy: Date | null },
  attempt: number,
) {
  const { listing, ...tracking } = starter.tracking;
  const input: PurchaseOrderInput = {
    dealerId: po.dealerId,
    orderId: po.orderId,
    poNumber: po.poNumber,
    distributor: po.distributor,
    // A website order's retry has no channel to push tracking to, as the first run had none.
    channel: po.channel,
    ...tracking,
    ...poTracking(listing, po.distributor),
    ...(po.shipBy ? { shipBy: po.shipBy.toISOString() } : {}),
    attempt,
  };
  return starter.client.workflow.start<PurchaseOrderWorkflow>(PURCHASE_ORDER_WORKFLOW, {
    workflowId: purchaseOrderWorkflowId(po.dealerId, po.poNumber),
    taskQueue: starter.taskQueue,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.DealerId, value: po.dealerId },
      { key: SEARCH_ATTRIBUTES.OrderId, value: po.orderId },
      { key: SEARCH_ATTRIBUTES.PoNumber, value: po.poNumber },
      { key: SEARCH_ATTRIBUTES.Distributor, value: po.distributor },
      { key: SEARCH_ATTRIBUTES.PoStatus, value: 'pending' satisfies PoStatus },
      { key: SEARCH_ATTRIBUTES.ChannelOrderId, value: po.channelOrderId },
    ],
    staticSummary: `Retry ${attempt - 1} of PO ${po.poNumber}`,
  });
}
