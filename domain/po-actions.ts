import type { PoStatus } from './purchase-order.js';
import { poStatusPhrase } from './status-words.js';

/** What a dealer can do to a placed or failed purchase order. */
export type PoAction = 'retry' | 'reroute' | 'request_cancellation';

export interface PoLineQuantities {
  /** Where the dealer's request to cancel the line stands; units cancelled at their request are not the distributor giving up. */
  cancelState?: string | null | undefined;
  quantity: number;
  shippedQty: number;
  cancelledQty: number;
  backorderedQty: number;
  reroutedQty: number;
}

export interface PoFacts {
  status: PoStatus;
  lines: PoLineQuantities[];
  cancellationRequested: boolean;
}

/** Statuses in which the distributor has the PO and may still ship or cancel some of it. */
export const AT_DISTRIBUTOR: ReadonlySet<PoStatus> = new Set(['submitted', 'accepted', 'backordered', 'partially_shipped', 'needs_attention']);

/**
 * Units of a line another distributor may take: all of it when the PO was not placed, otherwise what
 * this distributor cancelled or backordered; less what an earlier re-route took already.
 */
export function movableQty(status: PoStatus, line: PoLineQuantities): number {
  const cancelledByDistributor = line.cancelState === null || line.cancelState === undefined ? line.cancelledQty : 0;
  const given = status === 'failed' ? line.quantity - line.shippedQty : cancelledByDistributor + line.backorderedQty;
  return Math.max(0, given - line.reroutedQty);
}

/** Why the action cannot be taken on this PO now, in the dealer's words; null when it can. */
export function poActionRefusal(action: PoAction, po: PoFacts): string | null {
  const status = poStatusPhrase(po.status);
  switch (action) {
    case 'retry':
      if (po.status !== 'failed' && po.status !== 'unknown') return `Only a failed or unverified purchase order can be retried; this one ${status}`;
      if (po.lines.some((l) => l.reroutedQty > 0)) return 'Its lines were re-routed to another distributor, so it cannot be retried';
      return null;
    case 'reroute':
      if (po.status === 'unknown' || po.status === 'pending')
        return `This purchase order ${status}: it may yet be placed, so retry it (Dropline looks it up first) instead of ordering elsewhere`;
      if (!po.lines.some((l) => movableQty(po.status, l) > 0))
        return `Nothing on this purchase order is refused, cancelled or backordered by the distributor (it ${status}), so there is nothing to re-route`;
      return null;
    case 'request_cancellation':
      if (!AT_DISTRIBUTOR.has(po.status)) return `A purchase order that ${status} has nothing left to cancel at the distributor`;
      if (po.cancellationRequested) return 'Cancellation of this purchase order has already been requested';
      return null;
  }
}

/** The actions open to the dealer on this PO. */
export function poActions(po: PoFacts): PoAction[] {
  return (['retry', 'reroute', 'request_cancellation'] as const).filter((action) => poActionRefusal(action, po) === null);
}
