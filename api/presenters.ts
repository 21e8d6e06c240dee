import type { CancellationRequest } from '../domain/cancellation.js';
import type { LinePlan } from '../domain/dropship-plan.js';
import { poActions, type PoLineQuantities } from '../domain/po-actions.js';
import type { PoStatus } from '../domain/purchase-order.js';
import { shipByAlert } from '../domain/ship-by.js';
import { trackingLink } from '../notifications/tracking-links.js';

/** A PO's packages with the carrier's tracking page for each, as the dealer and buyer would follow it. */
export function withTrackingLinks<T extends { shipments: Array<{ carrier: string; trackingNumber: string }> }>(
  po: T,
): Omit<T, 'shipments'> & { shipments: Array<T['shipments'][number] & { trackingUrl: string | null }> } {
  return { ...po, shipments: po.shipments.map((s) => ({ ...s, trackingUrl: trackingLink(s.carrier, s.trackingNumber) })) };
}

/** An order with whether its ship-by date is near or past while it has not shipped, as of now. */
export function withShipByAlert<T extends { shipBy: Date | null; status: string }>(order: T, now = new Date()) {
  return { ...order, shipByAlert: shipByAlert(order, now) };
}

/**
 * Each order line with what the latest routed drop-ship decided about it: status, reasons a dealer can
 * act on, the chosen distributor and every candidate with its own reasons. Null before any routing.
 */
export function withEligibility<T extends { id: string }>(lines: T[], plans: Array<{ lines: LinePlan[] } | null>) {
  const latest = plans.filter((plan) => plan !== null).at(-1);
  return lines.map((line) => {
    const planned = latest?.lines.find((l) => l.lineId === line.id);
    return {
      ...line,
      eligibility: planned
        ? { status: planned.status, reasons: planned.reasons, chosen: planned.chosen, why: planned.why, candidates: planned.candidates }
        : null,
    };
  });
}

/**
 * A PO as the dealer sees it: packages with tracking links, the actions open to them now, and the
 * cancellation request without the quantities it was reconciled against.
 */
export function presentPurchaseOrder<
  T extends {
    status: string;
    shipments: Array<{ carrier: string; trackingNumber: string }>;
    lines: PoLineQuantities[];
    cancellation: CancellationRequest | null;
  },
>(po: T) {
  const { atRequest: _atRequest, ...cancellation } = po.cancellation ?? { atRequest: null };
  const actions = poActions({ status: po.status as PoStatus, lines: po.lines, cancellationRequested: po.cancellation !== null });
  return { ...withTrackingLinks(po), cancellation: po.cancellation ? (cancellation as Omit<CancellationRequest, 'atRequest'>) : null, actions };
}
