import type { AddressProblem } from './address.js';
import { DISTRIBUTOR_NAMES, distributorProfile } from './distributors.js';
import { MAX_DROPSHIP_LEAD_TIME_DAYS } from './dropship-plan.js';
import type { CandidateAssessment, CandidateItem, DistributorAccountFacts, DropshipFacts, LineFacts, Reason } from './dropship-plan.js';
import { formatCents } from './money.js';

/** Units of a line still to drop-ship; never negative, so over-shipped lines read as done. */
export function remainingQty(line: LineFacts): number {
  return Math.max(0, line.quantity - line.alreadyDropshippedQty);
}

export function alreadyDropshippedReason(line: LineFacts): Reason {
  return {
    code: 'already_dropshipped',
    message: `SKU ${line.dealerSku} is already drop-shipped ` + `(${line.alreadyDropshippedQty} of ${units(line.quantity)} on a distributor PO)`,
  };
}

/**
 * Judges one distributor item for one line against every drop-ship rule (DESIGN.md §1.2).
 * Collects every failing rule rather than the first, so the dealer can fix them all in one pass.
 */
export function assessCandidate(line: LineFacts, candidate: CandidateItem, facts: DropshipFacts): CandidateAssessment {
  const name = DISTRIBUTOR_NAMES[candidate.distributor];
  const item = `${name} ${candidate.distributorSku}`;
  const toShip = remainingQty(line);
  const buffer = facts.stockBuffer ?? 0;
  const stock = summariseStock(candidate, buffer);
  const shipMethod = mappedShipMethod(facts, candidate);

  const reasons: Reason[] = [];
  if (toShip <= 0) reasons.push(alreadyDropshippedReason(line));
  const excluded = facts.excluded?.find((e) => e.distributor === candidate.distributor);
  if (excluded) reasons.push({ code: 'distributor_excluded', message: excluded.reason });
  reasons.push(
    ...accountReasons(
      facts.accounts.find((a) => a.distributor === candidate.distributor),
      name,
    ),
  );

  if (stock.totalQty === 0) {
    reasons.push({ code: 'out_of_stock', message: `${item} is out of stock at every warehouse` });
  } else if (stock.fastQty === 0) {
    const days = stock.leadTimeDays ?? 0;
    const atLeast = stock.uniformLeadTime ? '' : ' or more';
    reasons.push({
      code: 'lead_time_too_long',
      message:
        `Lead time is ${plural(days, 'day')}${atLeast} at every warehouse stocking ${item} ` +
        `(drop-ship needs ${plural(MAX_DROPSHIP_LEAD_TIME_DAYS, 'day')} or less)`,
    });
  } else if (stock.availableQty < toShip) {
    const heldBack = buffer > 0 ? ` once your stock buffer of ${units(buffer)} is held back` : '';
    reasons.push({
      code: 'insufficient_stock',
      message: `Only ${stock.availableQty} of ${units(toShip)} of ${item} in stock ` + `at ${MAX_DROPSHIP_LEAD_TIME_DAYS}-day warehouses${heldBack}`,
    });
  }

  if (line.unitPriceCents < facts.dropshipCutoffCents) {
    reasons.push({
      code: 'below_cutoff',
      message: `Unit price ${formatCents(line.unitPriceCents)} is below your drop-ship cutoff ` + `of ${formatCents(facts.dropshipCutoffCents)}`,
    });
  }
  if (facts.maxCostPercent !== undefined && candidate.costCents * 100 > line.unitPriceCents * facts.maxCostPercent) {
    reasons.push({
      code: 'above_cost_ceiling',
      message:
        `${item} costs ${formatCents(candidate.costCents)}, more than your failover ceiling of ${facts.maxCostPercent} % ` +
        `of the ${formatCents(line.unitPriceCents)} sale price`,
    });
  }
  if (facts.shipToProblems.length > 0) {
    reasons.push({ code: 'ship_to_incomplete', message: shipToMessage(facts.shipToProblems) });
  }
  if (shipMethod === null) {
    reasons.push({
      code: 'shipping_rate_unmapped',
      message: `Shipping rate "${facts.shippingRateName}" is not mapped to a ${name} shipping method`,
    });
  }

  return {
    distributor: candidate.distributor,
    distributorSku: candidate.distributorSku,
    costCents: candidate.costCents,
    availableQty: stock.availableQty,
    leadTimeDays: stock.leadTimeDays,
    shipMethod,
    eligible: reasons.length === 0,
    reasons,
    ...(candidate.samePartAs ? { samePartAs: candidate.samePartAs } : {}),
  };
}

function accountReasons(account: DistributorAccountFacts | undefined, name: string): Reason[] {
  if (!account) {
    return [
      {
        code: 'no_account',
        message: `No ${name} account is set up (add credentials in Settings → Distributors)`,
      },
    ];
  }
  const reasons: Reason[] = [];
  if (!account.credentialsPresent) {
    reasons.push({
      code: 'no_account',
      message: `${name} account has no credentials saved (add them in Settings → Distributors)`,
    });
  }
  // The Tax ID and card rules are distributor policies, so they only apply to the distributors that have them.
  const { requires } = distributorProfile(account.distributor);
  if (requires.taxIdOnFile && !account.taxIdOnFile) {
    reasons.push({ code: 'no_tax_id', message: `${name} account has no Tax ID on file` });
  }
  if (requires.creditCardOnFile && !account.creditCardOnFile) {
    reasons.push({ code: 'no_credit_card', message: `${name} account has no credit card on file` });
  }
  return reasons;
}

interface StockSummary {
  totalQty: number;
  /** Units at warehouses fast enough to drop-ship from. */
  fastQty: number;
  /** fastQty less the dealer's stock buffer. */
  availableQty: number;
  leadTimeDays: number | null;
  /** Whether every stocked warehouse has the same lead time, so the message can say "is N days". */
  uniformLeadTime: boolean;
}

function summariseStock(candidate: CandidateItem, buffer: number): StockSummary {
  // Inventory files sometimes carry negative on-hand counts; those warehouses hold nothing we can ship.
  const stocked = candidate.stock.filter((w) => w.quantity > 0);
  const leadTimes = stocked.map((w) => w.leadTimeDays);
  const fastQty = sum(stocked.filter((w) => w.leadTimeDays <= MAX_DROPSHIP_LEAD_TIME_DAYS).map((w) => w.quantity));
  return {
    totalQty: sum(stocked.map((w) => w.quantity)),
    fastQty,
    availableQty: Math.max(0, fastQty - buffer),
    leadTimeDays: leadTimes.length > 0 ? Math.min(...leadTimes) : null,
    uniformLeadTime: new Set(leadTimes).size <= 1,
  };
}

function mappedShipMethod(facts: DropshipFacts, candidate: CandidateItem): string | null {
  const code = facts.shippingMethods[candidate.distributor];
  // A blank mapping is as unusable as a missing one: the distributor would reject the PO.
  return code !== undefined && code.trim() !== '' ? code : null;
}

function shipToMessage(problems: AddressProblem[]): string {
  // Address problems are phrased for standalone display ("Ship-to city is missing"); drop the prefix
  // so they read naturally after ours.
  const details = problems.map((p) => p.message.replace(/^Ship-to\s+/i, ''));
  return `Ship-to address is incomplete: ${details.join('; ')}`;
}

function sum(values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function units(n: number): string {
  return plural(n, 'unit');
}
