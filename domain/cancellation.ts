import type { Actor } from './actor.js';

/**
 * Cancelling a placed PO is a state machine per line (DESIGN.md §7): requested → cancelled / refused /
 * unknown, or shipped after the request all the same.
 */
export const LINE_CANCEL_STATES = ['requested', 'cancelled', 'refused', 'unknown', 'shipped_after_cancel'] as const;
export type LineCancelState = (typeof LINE_CANCEL_STATES)[number];

/** How the request reaches the distributor: its cancel API, or the dealer (phone, email) where it has none. */
export type CancellationChannel = 'api' | 'task';

/** The dealer's request to cancel what has not shipped of a PO, as recorded when it was made. */
export interface CancellationRequest {
  requestedAt: string;
  requestedBy: string;
  reason: string | null;
  via: CancellationChannel | null;
  /** What the distributor (or the failed call) said, in the dealer's words. */
  note: string | null;
  /** Shipped and cancelled units of each line (by order line) when the request was made. */
  atRequest: Record<string, { shippedQty: number; cancelledQty: number }>;
}

/** One PO line as Postgres holds it, with its quantities when the cancellation was requested. */
export interface LineUnderCancellation {
  orderLineId: string;
  distributorSku: string;
  quantity: number;
  shippedQty: number;
  cancelledQty: number;
  state: LineCancelState | null;
  /** Shipped and cancelled units when the request was made. */
  atRequest: { shippedQty: number; cancelledQty: number };
}

/** Lines whose request is still open: the distributor may yet cancel or ship them. */
export const OPEN_CANCEL_STATES: ReadonlySet<LineCancelState> = new Set(['requested', 'unknown']);

/** Where a line's request has ended for good: nothing the distributor reports later changes it. */
const SETTLED_CANCEL_STATES: ReadonlySet<LineCancelState> = new Set(['cancelled', 'shipped_after_cancel']);

/**
 * A line's state after the distributor's latest report: shipped since the request → shipped after cancel
 * requested; everything left at the request cancelled → cancelled; otherwise it stays as it was. A refused
 * line is followed too: it ships (the dealer must arrange a return or let the buyer keep it, so it is
 * shipped after cancel requested, with its exception) or the distributor cancels it after all.
 */
export function reconcileLine(line: LineUnderCancellation): LineCancelState | null {
  if (line.state === null || SETTLED_CANCEL_STATES.has(line.state)) return line.state;
  const open = line.quantity - line.atRequest.shippedQty - line.atRequest.cancelledQty;
  if (line.shippedQty > line.atRequest.shippedQty) return 'shipped_after_cancel';
  if (line.cancelledQty - line.atRequest.cancelledQty >= open) return 'cancelled';
  return line.state;
}

/** A request to cancel what has not shipped of a PO: who asks (the dealer, the channel, a failover) and why. */
export interface CancellationInput {
  actor: Actor;
  reason?: string | undefined;
}
