import type { LinePlan } from '../domain/dropship-plan.js';
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
