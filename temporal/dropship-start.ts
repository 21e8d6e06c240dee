import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { DropshipStart } from '../db/repositories/dropships.js';
import { SYSTEM, type Actor } from '../domain/actor.js';
import type { ListingSettings } from '../domain/batched-tracking.js';
import { DROPSHIP_PRIORITY, DROPSHIP_WORKFLOW, type DropshipInput, type DropshipWorkflow } from '../workflows/contracts/dropship.js';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';

/** How purchase orders are followed; the submission windows default to the workflow's own (3 days, 10 minutes). */
export interface TrackingSettings {
  pollIntervalMs: number;
  giveUpAfterMs: number;
  submitGiveUpAfterMs?: number;
  verifyWithinMs?: number;
  /**
   * Distributors whose POs are tracked by one listing poller per dealer account (every pollIntervalMs)
   * instead of each PO polling; such a PO looks itself up only when the listing has not seen it for
   * safetyCheckMs. Absent: every PO polls.
   */
  listing?: ListingSettings | undefined;
}

/** Where drop-ship workflows run, and the tracking settings handed to their purchase orders. */
export interface DropshipStarter {
  client: Client;
  taskQueue: string;
  tracking: TrackingSettings;
}

/**
 * Starts an opened drop-ship's workflow, or finds the run that already exists: the workflow id was
 * fixed when the drop-ship was opened, so a retried request (or a start that failed half-way) never
 * makes a second run. A run that already finished is not started again: that throws
 * WorkflowExecutionAlreadyStartedError.
 */
export function startDropshipWorkflow(starter: DropshipStarter, { dealer, order, dropship: row }: DropshipStart, startedBy: Actor) {
  const input: DropshipInput = {
    dealerId: dealer.id,
    orderId: order.id,
    channelOrderId: order.channelOrderId,
    dropshipId: row.id,
    poBase: row.poBase,
    mode: row.mode as DropshipInput['mode'],
    startedBy,
    confirmReminderAfterMs: dealer.confirmReminderSeconds * 1000,
    confirmExpiresAfterMs: dealer.confirmExpirySeconds * 1000,
    ...(order.shipBy ? { shipBy: order.shipBy.toISOString() } : {}),
    ...starter.tracking,
  };
  return starter.client.workflow.start<DropshipWorkflow>(DROPSHIP_WORKFLOW, {
    workflowId: row.workflowId,
    taskQueue: starter.taskQueue,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    priority: DROPSHIP_PRIORITY,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.DealerId, value: dealer.id },
      { key: SEARCH_ATTRIBUTES.OrderId, value: order.id },
      { key: SEARCH_ATTRIBUTES.ChannelOrderId, value: order.channelOrderId },
      { key: SEARCH_ATTRIBUTES.DropshipStatus, value: 'planning' },
    ],
    staticSummary: `Drop-ship ${row.sequence} of order ${order.channelOrderId}`,
  });
}

/**
 * Starts the drop-ship that order intake opened for an auto-processing dealer. Safe to repeat: a run
 * that exists, running or finished, is left as it is. True when this call started it.
 */
export async function startAutoDropship(starter: DropshipStarter, start: DropshipStart, startedBy: Actor = SYSTEM): Promise<boolean> {
  try {
    await startDropshipWorkflow(starter, start, startedBy);
    return true;
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return false;
  }
}
