import * as wf from '@temporalio/workflow';
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure } from '@temporalio/common';
import type { Activities } from '../activities/index.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { FINAL_PO_STATUSES, type PoChange, type PoStatus } from '../domain/purchase-order.js';
import { SEARCH_ATTRIBUTES } from './search-attributes.js';
import { distributorTaskQueue } from './task-queues.js';

export interface PurchaseOrderInput {
  dealerId: string;
  orderId: string;
  poNumber: string;
  distributor: DistributorId;
  /** How often the distributor is asked for news. */
  pollIntervalMs: number;
  /** After this long without the PO fully shipped, tracking stops and the dealer is told. */
  giveUpAfterMs: number;
}

export interface PurchaseOrderState {
  poNumber: string;
  distributor: DistributorId;
  status: PoStatus;
  trackingNumbers: string[];
  failureReason: string | null;
  giveUpAt: number | null;
}


export const purchaseOrderStatusQuery = wf.defineQuery<PurchaseOrderState>('status');

// Postgres writes are local activities: short and idempotent (keyed upserts), no task-queue round trip.
const records = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Transient distributor trouble is retried for up to three days; the lookup-before-submit inside
// the activity makes every retry safe even when an earlier attempt reached the distributor.
const submission = (distributor: DistributorId) => wf.proxyActivities<Activities>({
  taskQueue: distributorTaskQueue(wf.workflowInfo().taskQueue, distributor),
  startToCloseTimeout: '2 minutes',
  // The activity heartbeats while it works, so a crashed worker is noticed in seconds.
  heartbeatTimeout: '10 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
});

// Buyer emails and channel pushes retry for a day: providers rate-limit and have outages.
const delivery = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * One purchase order with one distributor: submit it exactly once, track it until every line has
 * shipped or been cancelled (or the give-up horizon passes), and tell the buyer, the order and the
 * sales channel about each package.
 */
export async function purchaseOrder(input: PurchaseOrderInput): Promise<PurchaseOrderState> {
  const state: PurchaseOrderState = {
    poNumber: input.poNumber,
    distributor: input.distributor,
    status: 'pending',
    trackingNumbers: [],
    failureReason: null,
    giveUpAt: null,
  };
  wf.setHandler(purchaseOrderStatusQuery, () => state);
  const ref = { dealerId: input.dealerId, poNumber: input.poNumber };
  const distributorName = DISTRIBUTOR_NAMES[input.distributor];

  const setStatus = async (status: PoStatus, summary: string, extra: { failureReason?: string; details?: Record<string, unknown> } = {}) => {
    state.status = status;
    wf.upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.DropshipStatus, value: status }]);
    await records.recordPurchaseOrderStatus({ ...ref, orderId: input.orderId, status, summary, ...extra });
  };

  try {
    await submission(input.distributor).submitPurchaseOrder(ref);
  } catch (error) {
    const reason = failureMessage(error);
    state.failureReason = reason;
    await setStatus('failed', `${distributorName} did not accept PO ${input.poNumber}: ${reason}`, { failureReason: reason, details: { actor: 'distributor' } });
    await delivery.alertDealer({
      dealerId: input.dealerId,
      orderId: input.orderId,
      poNumber: input.poNumber,
      kind: 'po_failed',
      subject: `PO ${input.poNumber} was not placed with ${distributorName}`,
      message: `PO ${input.poNumber} could not be placed with ${distributorName}: ${reason}`,
      key: `po-failed:${input.dealerId}:${input.poNumber}`,
    });
    return state;
  }
  state.giveUpAt = Date.now() + input.giveUpAfterMs;
  await setStatus('submitted', `PO ${input.poNumber} is with ${distributorName}; tracking started`, { details: { actor: 'system' } });

  while (!FINAL_PO_STATUSES.has(state.status)) {
    const change = await nextChange(input, state);
    if (change === 'timed_out') {
      await setStatus('given_up', `PO ${input.poNumber} had not fully shipped after ${days(input.giveUpAfterMs)} days; tracking stopped`);
      await delivery.alertDealer({
        dealerId: input.dealerId,
        orderId: input.orderId,
        poNumber: input.poNumber,
        kind: 'po_given_up',
        subject: `PO ${input.poNumber} has not shipped after ${days(input.giveUpAfterMs)} days`,
        message: `PO ${input.poNumber} has not fully shipped ${days(input.giveUpAfterMs)} days after it was placed. Dropline has stopped checking it; please contact ${distributorName} about this PO.`,
        key: `po-given-up:${input.dealerId}:${input.poNumber}`,
      });
      break;
    }
    for (const shipment of change.newShipments) {
      await records.recordShipment({ ...ref, shipment });
      state.trackingNumbers.push(shipment.trackingNumber);
      await tellEveryone({ ...ref, orderId: input.orderId, trackingNumber: shipment.trackingNumber });
    }
    if (change.status !== state.status) {
      await setStatus(change.status, describeStatus(input.poNumber, distributorName, change), {
        details: { backordered: change.backordered, cancelled: change.cancelled },
      });
    }
  }
  await wf.condition(wf.allHandlersFinished);
  return state;
}

/** Waits for the distributor to report something new, or for the give-up horizon to pass. */
async function nextChange(input: PurchaseOrderInput, state: PurchaseOrderState): Promise<PoChange | 'timed_out'> {
  const remainingMs = (state.giveUpAt ?? 0) - Date.now();
  if (remainingMs <= 0) return 'timed_out';
  const polling = wf.proxyActivities<Activities>({
    taskQueue: distributorTaskQueue(wf.workflowInfo().taskQueue, input.distributor),
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: remainingMs,
    retry: { initialInterval: input.pollIntervalMs, backoffCoefficient: 1, maximumInterval: input.pollIntervalMs },
  });
  try {
    return await polling.awaitPurchaseOrderChange({
      dealerId: input.dealerId,
      poNumber: input.poNumber,
      distributor: input.distributor,
      known: { status: state.status, trackingNumbers: state.trackingNumbers },
    });
  } catch (error) {
    if (error instanceof ActivityFailure && (error.cause instanceof TimeoutFailure || error.retryState === RetryState.TIMEOUT)) {
      return 'timed_out';
    }
    throw error;
  }
}

/** Buyer email, order note and channel push for one package. A failed push goes to the dealer, not the PO. */
async function tellEveryone(ref: { dealerId: string; orderId: string; poNumber: string; trackingNumber: string }) {
  const outcomes = await Promise.allSettled([
    delivery.emailBuyerShipment(ref),
    records.noteOrderShipment(ref),
    delivery.pushTrackingToChannel(ref),
  ]);
  const labels = ['Buyer email', 'Order note', 'Channel tracking push'];
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.status === 'fulfilled') continue;
    await delivery.alertDealer({
      dealerId: ref.dealerId,
      orderId: ref.orderId,
      poNumber: ref.poNumber,
      kind: 'notification_failed',
      subject: `${labels[index]} failed for tracking ${ref.trackingNumber}`,
      message: `${labels[index]} for PO ${ref.poNumber}, tracking ${ref.trackingNumber} failed: ${failureMessage(outcome.reason)}`,
      key: `notification-failed:${ref.dealerId}:${ref.poNumber}:${ref.trackingNumber}:${index}`,
    });
  }
}

function describeStatus(poNumber: string, distributorName: string, change: PoChange): string {
  switch (change.status) {
    case 'backordered':
      return `${distributorName} backordered part of PO ${poNumber}`;
    case 'cancelled':
      return `${distributorName} cancelled PO ${poNumber}`;
    case 'partially_shipped':
      return `PO ${poNumber} is partially shipped`;
    case 'shipped':
      return `PO ${poNumber} has fully shipped`;
    default:
      return `${distributorName} reports PO ${poNumber} as ${change.status.replace('_', ' ')}`;
  }
}

function failureMessage(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause.message;
  if (error instanceof ActivityFailure && error.cause instanceof TimeoutFailure) return 'the distributor could not be reached in time';
  return error instanceof Error ? error.message : String(error);
}

const days = (ms: number) => Math.round(ms / 86_400_000);
