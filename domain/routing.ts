import { DISTRIBUTOR_NAMES } from './distributors.js';
import type { DistributorId } from './distributors.js';
import type { DropshipFacts, DropshipPlan, LineFacts, LinePlan, ProposedPurchaseOrder, Reason } from './dropship-plan.js';
import { alreadyDropshippedReason, assessCandidate, remainingQty } from './eligibility.js';
import { DomainError } from './errors.js';
import { explainChoice, preferenceRank, rankCandidates } from './ranking.js';

/**
 * A dealer's swap that cannot be honoured. The message is meant to be shown to the dealer as is;
 * `reasons` carries the target candidate's failing rules when ineligibility was the cause.
 */
export class SwapRejected extends DomainError {
  constructor(
    message: string,
    readonly reasons: Reason[] = [],
  ) {
    super('UNPROCESSABLE', message, { reasons });
    this.name = 'SwapRejected';
  }
}

/** Routes every line of a drop-ship to one distributor, or says why it can't, and groups the POs. */
export function planDropship(facts: DropshipFacts): DropshipPlan {
  const lines = facts.lines.map((line) => planLine(line, facts));
  return { lines, purchaseOrders: groupPurchaseOrders(lines, facts.preference) };
}

/**
 * Moves one routed line to another distributor that carries it, at the dealer's request. Eligibility
 * is judged again from `facts` so a swap can never route around a rule the planner enforced.
 */
export function rerouteLine(plan: DropshipPlan, facts: DropshipFacts, lineId: string, distributor: DistributorId): DropshipPlan {
  const current = plan.lines.find((l) => l.lineId === lineId);
  const line = facts.lines.find((l) => l.lineId === lineId);
  if (!current || !line) throw new SwapRejected(`Line ${lineId} is not part of this drop-ship`);

  const sku = current.dealerSku;
  const name = DISTRIBUTOR_NAMES[distributor];
  if (current.status === 'already_dropshipped' || remainingQty(line) <= 0) {
    throw new SwapRejected(`SKU ${sku} is already drop-shipped, so it can't be swapped`);
  }
  if (current.status !== 'routed') {
    throw new SwapRejected(
      `SKU ${sku} is not routed to any distributor yet, so there is nothing to swap; resolve it first: ` + messages(current.reasons),
      current.reasons,
    );
  }

  const ranked = rankCandidates(
    line.candidates.map((c) => assessCandidate(line, c, facts)),
    facts.preference,
  );
  // A distributor may list the part under several items; the best-ranked one is the one to use.
  const target = ranked.find((c) => c.distributor === distributor);
  if (!target) throw new SwapRejected(`${name} does not carry SKU ${sku}`);
  if (!target.eligible) {
    throw new SwapRejected(`${name} can't drop-ship SKU ${sku}: ${messages(target.reasons)}`, target.reasons);
  }
  // Swapping to the current choice is a no-op, so a retried request yields the same plan.
  if (current.chosen?.distributor === target.distributor && current.chosen.distributorSku === target.distributorSku) {
    return plan;
  }

  const swapped: LinePlan = {
    ...current,
    quantity: remainingQty(line),
    chosen: target,
    why: ['swapped by dealer'],
    candidates: ranked,
    reasons: [],
  };
  const lines = plan.lines.map((l) => (l.lineId === lineId ? swapped : l));
  return { lines, purchaseOrders: groupPurchaseOrders(lines, facts.preference) };
}

/** One PO per distributor with routed lines, in the dealer's preference order (then by id). */
export function groupPurchaseOrders(lines: readonly LinePlan[], preference: readonly DistributorId[]): ProposedPurchaseOrder[] {
  const byDistributor = new Map<DistributorId, ProposedPurchaseOrder>();
  for (const line of lines) {
    const chosen = line.chosen;
    if (line.status !== 'routed' || !chosen) continue;
    if (chosen.shipMethod === null) {
      // Eligibility requires a mapped method, so this only happens if a plan was assembled by hand.
      throw new Error(`Line ${line.lineId} is routed to ${chosen.distributor} without a shipping method`);
    }
    let po = byDistributor.get(chosen.distributor);
    if (!po) {
      po = { distributor: chosen.distributor, shipMethod: chosen.shipMethod, lines: [] };
      byDistributor.set(chosen.distributor, po);
    }
    po.lines.push({
      lineId: line.lineId,
      dealerSku: line.dealerSku,
      distributorSku: chosen.distributorSku,
      quantity: line.quantity,
    });
  }
  return [...byDistributor.values()].sort(
    (a, b) =>
      preferenceRank(a.distributor, preference) - preferenceRank(b.distributor, preference) ||
      (a.distributor < b.distributor ? -1 : a.distributor > b.distributor ? 1 : 0),
  );
}

function planLine(line: LineFacts, facts: DropshipFacts): LinePlan {
  const base = { lineId: line.lineId, dealerSku: line.dealerSku, quantity: remainingQty(line) };
  if (base.quantity <= 0) {
    return { ...base, status: 'already_dropshipped', chosen: null, why: [], candidates: [], reasons: [alreadyDropshippedReason(line)] };
  }
  if (line.candidates.length === 0) {
    const reason: Reason = { code: 'not_carried', message: `No distributor in your catalog carries SKU ${line.dealerSku}` };
    return { ...base, status: 'needs_resolution', chosen: null, why: [], candidates: [], reasons: [reason] };
  }

  const candidates = rankCandidates(
    line.candidates.map((c) => assessCandidate(line, c, facts)),
    facts.preference,
  );
  const best = candidates[0];
  if (best?.eligible) {
    const why = explainChoice(best, candidates, line.dealerSku, facts.preference);
    return { ...base, status: 'routed', chosen: best, why, candidates, reasons: [] };
  }
  return { ...base, status: 'needs_resolution', chosen: null, why: [], candidates, reasons: unionReasons(candidates) };
}

/** Every distinct problem across candidates; rules shared by all (cutoff, ship-to) appear once. */
function unionReasons(candidates: LinePlan['candidates']): Reason[] {
  const seen = new Set<string>();
  const reasons: Reason[] = [];
  for (const reason of candidates.flatMap((c) => c.reasons)) {
    if (seen.has(reason.message)) continue;
    seen.add(reason.message);
    reasons.push(reason);
  }
  return reasons;
}

function messages(reasons: readonly Reason[]): string {
  return reasons.map((r) => r.message).join('; ');
}
