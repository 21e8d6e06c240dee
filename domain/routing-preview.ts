import type { DistributorId } from './distributors.js';
import type { DropshipFacts, LinePlanStatus, ProposedPurchaseOrder, ReasonCode } from './dropship-plan.js';
import { planDropship } from './routing.js';

/**
 * What an order needs before anyone starts a drop-ship: `ready` to process (every line still due is
 * routed), `resolve` (something must be fixed first, each problem with the one action that fixes it),
 * `underway` (a drop-ship already took the order) or `closed` (shipped or cancelled).
 */
export type PreviewState = 'ready' | 'resolve' | 'underway' | 'closed';

/** The one thing a dealer does to clear a problem; `href` is the screen where it is done, when there is one. */
export interface FixingAction {
  label: string;
  href: string | null;
}

export interface PreviewProblem {
  /** A routing reason code, or `not_paid` for an order the buyer has not paid. */
  code: ReasonCode | 'not_paid';
  message: string;
  action: FixingAction;
}

export interface PreviewLine {
  lineId: string;
  dealerSku: string;
  /** Units still to drop-ship. */
  quantity: number;
  status: LinePlanStatus;
  /** Where a routed line would go. */
  distributor: DistributorId | null;
  distributorSku: string | null;
  why: string[];
  problems: PreviewProblem[];
}

export interface RoutingPreview {
  state: PreviewState;
  /** Problems of the order as a whole (not paid yet). */
  orderProblems: PreviewProblem[];
  lines: PreviewLine[];
  /** The POs a drop-ship would propose now: one per distributor. */
  purchaseOrders: ProposedPurchaseOrder[];
}

/** What fixes each routing reason. `sku` and `orderId` aim the link at the line's own screen. */
export function fixingAction(code: PreviewProblem['code'], context: { sku: string; orderId: string }): FixingAction {
  const order = `/orders/${encodeURIComponent(context.orderId)}`;
  switch (code) {
    case 'not_carried':
      return { label: 'Add a cross-reference in the catalog', href: `/catalog?q=${encodeURIComponent(context.sku)}` };
    case 'no_account':
      return { label: 'Connect a distributor account', href: '/settings' };
    case 'no_tax_id':
      return { label: 'Put your Tax ID on file with the distributor', href: '/settings' };
    case 'no_credit_card':
      return { label: 'Put a credit card on file with the distributor', href: '/settings' };
    case 'out_of_stock':
    case 'insufficient_stock':
      return { label: 'Wait for stock, or ship it yourself', href: null };
    case 'lead_time_too_long':
      return { label: 'Too slow to drop-ship: ship it yourself', href: null };
    case 'below_cutoff':
      return { label: 'Under your drop-ship cutoff: ship it yourself', href: null };
    case 'above_cost_ceiling':
      return { label: 'Over the cost cutoff: drop-ship it manually', href: order };
    case 'ship_to_incomplete':
      return { label: 'Correct the ship-to address in the drop-ship', href: order };
    case 'shipping_rate_unmapped':
      return { label: 'Map the shipping rate to a distributor method in Settings', href: '/settings' };
    case 'distributor_excluded':
      return { label: 'Swap to another distributor in the drop-ship', href: order };
    case 'already_dropshipped':
      return { label: 'Nothing: already on a distributor PO', href: null };
    case 'not_paid':
      return { label: 'Wait: the order is not paid yet', href: null };
  }
}

/**
 * The dry run of a drop-ship for one order: routes its lines from `facts` exactly as a drop-ship
 * would, and turns every reason into a problem with its fixing action. Writes nothing, decides nothing.
 */
export function previewRouting(orderStatus: string, facts: DropshipFacts): RoutingPreview {
  if (orderStatus === 'shipped' || orderStatus === 'cancelled') return { state: 'closed', orderProblems: [], lines: [], purchaseOrders: [] };
  if (orderStatus !== 'open' && orderStatus !== 'awaiting_payment') return { state: 'underway', orderProblems: [], lines: [], purchaseOrders: [] };

  const plan = planDropship(facts);
  const lines: PreviewLine[] = plan.lines.map((line) => {
    const context = { sku: line.dealerSku, orderId: facts.orderId };
    const problems =
      line.status === 'needs_resolution'
        ? dedupe(line.reasons.map((reason) => ({ code: reason.code, message: reason.message, action: fixingAction(reason.code, context) })))
        : [];
    return {
      lineId: line.lineId,
      dealerSku: line.dealerSku,
      quantity: line.quantity,
      status: line.status,
      distributor: line.chosen?.distributor ?? null,
      distributorSku: line.chosen?.distributorSku ?? null,
      why: line.why,
      problems,
    };
  });
  const orderProblems: PreviewProblem[] =
    orderStatus === 'awaiting_payment'
      ? [{ code: 'not_paid', message: 'The buyer has not paid yet', action: fixingAction('not_paid', { sku: '', orderId: facts.orderId }) }]
      : [];
  const blocked = orderProblems.length > 0 || lines.some((l) => l.status === 'needs_resolution');
  const state: PreviewState = blocked ? 'resolve' : plan.purchaseOrders.length > 0 ? 'ready' : 'underway';
  return { state, orderProblems, lines, purchaseOrders: plan.purchaseOrders };
}

/** Several candidates often fail the same way; the dealer reads each problem once. */
function dedupe(problems: PreviewProblem[]): PreviewProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.message) && seen.add(p.message));
}
