import type { Priority } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/actor.js';
import type { ListingSettings } from '../../domain/batched-tracking.js';
import type { Confirmation } from '../../domain/confirmation.js';
import type { DistributorId } from '../../domain/distributors.js';
import type { DropshipPlan } from '../../domain/dropship-plan.js';
import type { PurchaseOrderState } from './purchase-order.js';

// The id is fixed when the drop-ship row is opened (db/ makes it), so it lives with the other ids.
export { dropshipWorkflowId } from '../../domain/ids.js';

/** The workflow type the worker registers (its export name in workflows/index.ts). */
export const DROPSHIP_WORKFLOW = 'dropship';

/**
 * Task queue priority (1 runs first; the server's default is 3). A dealer waits on a drop-ship's
 * answer, so its tasks go ahead of the purchase orders' placing and tracking, which nobody watches
 * second by second: behind a backlog of PO work a confirmation is still accepted at once.
 */
export const DROPSHIP_PRIORITY: Priority = { priorityKey: 1 };
export type DropshipWorkflow = (input: DropshipInput) => Promise<DropshipState>;

export interface DropshipInput {
  dealerId: string;
  orderId: string;
  dropshipId: string;
  /** The marketplace's order number, for finding the run in Temporal; unset in runs started before it was passed. */
  channelOrderId?: string;
  /** Base of the generated PO numbers, fixed when the drop-ship was created. */
  poBase: string;
  mode: 'auto' | 'manual';
  startedBy: Actor;
  confirmReminderAfterMs: number;
  confirmExpiresAfterMs: number;
  pollIntervalMs: number;
  giveUpAfterMs: number;
  submitGiveUpAfterMs?: number;
  verifyWithinMs?: number;
  /** Which distributors' POs are tracked by listing (domain/batched-tracking.ts); absent, every PO polls. */
  listing?: ListingSettings | undefined;
  /** The order's ship-by deadline (ISO 8601), handed to each PO; unset when the order has none, and in runs started before it was passed. */
  shipBy?: string;
}

export type DropshipPhase = 'planning' | 'awaiting_confirmation' | 'submitting' | 'in_progress' | 'completed' | 'needs_resolution' | 'cancelled' | 'expired';

export interface DropshipPurchaseOrder {
  distributor: DistributorId;
  poNumber: string;
  workflowId: string;
  result: PurchaseOrderState | null;
}

export interface DropshipState {
  phase: DropshipPhase;
  mode: 'auto' | 'manual';
  plan: DropshipPlan | null;
  purchaseOrders: DropshipPurchaseOrder[];
  /** Why the last confirmation could not be carried out, for the dealer to fix and confirm again. */
  problem: string | null;
  reminded: boolean;
}

export interface SwapLineInput {
  lineId: string;
  distributor: DistributorId;
  actor: Actor;
}

export interface CancelInput {
  actor: Actor;
  reason?: string | undefined;
}

export interface RouteAgainInput {
  actor: Actor;
}

export const dropshipStatusQuery = defineQuery<DropshipState>('status');
/** Resolves once routing is done, with the proposed POs; the API uses it to answer "start a drop-ship". */
export const planReadyUpdate = defineUpdate<DropshipState>('planReady');
/** Dealer decisions: refused (InvalidState) once the drop-ship is no longer awaiting confirmation. */
export const confirmUpdate = defineUpdate<DropshipState, [Confirmation]>('confirm');
export const swapLineUpdate = defineUpdate<DropshipState, [SwapLineInput]>('swapLine');
export const cancelUpdate = defineUpdate<DropshipState, [CancelInput]>('cancel');
/**
 * Routes a drop-ship waiting for confirmation again from today's facts, after the dealer fixed what
 * stopped a line (a SKU linked in the catalog, an account made ready): refused (InvalidState) once it
 * no longer waits, and (NothingRoutes) when still no line can be drop-shipped, keeping the proposal.
 */
export const routeAgainUpdate = defineUpdate<DropshipState, [RouteAgainInput]>('routeAgain');
