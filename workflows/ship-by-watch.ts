import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { DISTRIBUTOR_NAMES } from '../domain/distributors.js';
import { FINAL_PO_STATUSES, type PoStatus } from '../domain/purchase-order.js';
import { SHIP_BY_WARNING_MS } from '../domain/ship-by.js';
import type { PurchaseOrderInput, PurchaseOrderState } from './contracts/purchase-order.js';

/** Marks the ship-by watch: runs recorded before it never start one. */
export const SHIP_BY_WATCH_PATCH = 'po-ship-by-watch';

const records = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// The email is best effort, like the PO's other alerts: the inbox entry is what counts.
const alerts = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

const WHY_CLOSED: Partial<Record<PoStatus, string>> = {
  shipped: 'the PO shipped',
  cancelled: 'the PO was cancelled',
};

/**
 * Watches a PO against its order's ship-by deadline, beside tracking: a durable timer set to a day
 * before the deadline races the PO reaching a final status (shipped, cancelled, failed, unknown,
 * given up). Should the timer win, the dealer gets one `ship_by_at_risk` exception naming the PO, the
 * distributor and the deadline, which closes itself once the PO reaches its final status. Resolves
 * when there is nothing left to do; the PO workflow awaits it before it ends. Nothing happens without
 * a deadline, or in runs recorded before the watch existed.
 */
export async function watchShipBy(input: PurchaseOrderInput, state: PurchaseOrderState): Promise<void> {
  if (!input.shipBy || !wf.patched(SHIP_BY_WATCH_PATCH)) return;
  const ended = () => FINAL_PO_STATUSES.has(state.status);
  const warnInMs = Date.parse(input.shipBy) - SHIP_BY_WARNING_MS - Date.now();
  // A deadline already within a day is at risk at once (a zero-length timer is not one Temporal sets).
  if (warnInMs > 0 ? await wf.condition(ended, warnInMs) : ended()) return;

  const distributor = DISTRIBUTOR_NAMES[input.distributor];
  const deadline = new Date(input.shipBy).toUTCString();
  const due = Date.parse(input.shipBy) > Date.now() ? 'must ship' : 'was due to ship';
  const alert = {
    dealerId: input.dealerId,
    orderId: input.orderId,
    poNumber: input.poNumber,
    kind: 'ship_by_at_risk' as const,
    subject: `PO ${input.poNumber} has not shipped; the order ${due} by ${deadline}`,
    message: `PO ${input.poNumber} with ${distributor} has not shipped, and its order ${due} by ${deadline}. Ask ${distributor} when it will ship, or re-route or cancel it.`,
    key: `ship-by-at-risk:${input.dealerId}:${input.poNumber}`,
  };
  await records.openException(alert);
  const email = alerts.emailDealerAlert(alert).catch((error: unknown) => {
    wf.log.warn('Ship-by alert email not delivered', { key: alert.key, error: error instanceof Error ? error.message : String(error) });
  });
  await wf.condition(ended);
  const why = WHY_CLOSED[state.status] ?? `the PO ended ${state.status.replace('_', ' ')}`;
  await records.closeException({ dealerId: input.dealerId, key: alert.key, why });
  await email;
}
