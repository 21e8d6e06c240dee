import type { Actor } from './actor.js';
import { addressProblems, type Address } from './address.js';
import { DISTRIBUTOR_NAMES, distributorProfile, type DistributorId } from './distributors.js';
import type { DropshipPlan } from './dropship-plan.js';

/** The dealer's confirmation of a proposed drop-ship, with their edits. */
export interface Confirmation {
  /** "I am placing a real order with the distributor." */
  acknowledged: boolean;
  actor: Actor;
  /** PO numbers the dealer typed over the generated ones. */
  poNumbers?: Partial<Record<DistributorId, string>> | undefined;
  /** An edited ship-to; replaces the order's for every PO of this drop-ship. Buyer PII. */
  shipTo?: Address | undefined;
  /** Quantities edited down, by order line id. */
  quantities?: Record<string, number> | undefined;
}

/** What every distributor accepts in a PO number; each sets its own maximum length (its profile). */
const PO_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;

/** Every reason the confirmation cannot be accepted; empty when it can. Pure: runs in the Update validator. */
export function confirmationProblems(plan: DropshipPlan, confirmation: Confirmation): string[] {
  const problems: string[] = [];
  if (confirmation.acknowledged !== true) {
    problems.push('Tick "I am placing a real order with the distributor" to confirm');
  }
  if (plan.purchaseOrders.length === 0) problems.push('No line of this order can be drop-shipped; resolve the lines first');

  const seen = new Map<string, DistributorId>();
  for (const po of plan.purchaseOrders) {
    const poNumber = confirmation.poNumbers?.[po.distributor];
    if (poNumber === undefined) continue;
    const { name, poNumberMaxLength } = distributorProfile(po.distributor);
    if (!PO_NUMBER_PATTERN.test(poNumber)) {
      problems.push(`PO number "${poNumber}" for ${name} may only use letters, digits and - _ . /`);
    } else if (poNumber.length > poNumberMaxLength) {
      problems.push(`PO number "${poNumber}" is ${poNumber.length} characters; ${name} accepts at most ${poNumberMaxLength}`);
    }
    const other = seen.get(poNumber.toUpperCase());
    if (other) problems.push(`PO number "${poNumber}" is used for both ${DISTRIBUTOR_NAMES[other]} and ${name}; each PO needs its own`);
    seen.set(poNumber.toUpperCase(), po.distributor);
  }
  for (const distributor of Object.keys(confirmation.poNumbers ?? {})) {
    if (!plan.purchaseOrders.some((po) => po.distributor === distributor)) {
      problems.push(`There is no ${DISTRIBUTOR_NAMES[distributor as DistributorId] ?? distributor} PO in this drop-ship`);
    }
  }

  if (confirmation.shipTo) {
    for (const problem of addressProblems(confirmation.shipTo)) problems.push(problem.message);
  }

  for (const [lineId, quantity] of Object.entries(confirmation.quantities ?? {})) {
    const line = plan.lines.find((l) => l.lineId === lineId && l.status === 'routed');
    if (!line) {
      problems.push(`Line ${lineId} is not on a proposed PO`);
    } else if (!Number.isInteger(quantity) || quantity < 1 || quantity > line.quantity) {
      problems.push(`Quantity for ${line.dealerSku} must be a whole number from 1 to ${line.quantity}`);
    }
  }
  return problems;
}

/** What a confirmation can change in the proposal, as the audit trail names it. */
export type ConfirmationEdit = 'PO numbers' | 'ship-to address' | 'quantities';

/**
 * What the dealer really changed from the proposal: a field sent back unchanged (the form filled in
 * with the proposal) is no edit. PO numbers compare with the generated ones, quantities with the
 * plan's. The workflow never sees the order's address, so whether the ship-to differs from it comes
 * from the activity that saved it (`saveConfirmedShipTo`). Pure: runs in the workflow.
 */
export function confirmationEdits(
  plan: DropshipPlan,
  confirmation: Confirmation,
  defaultPoNumbers: Partial<Record<DistributorId, string>>,
  shipToEdited: boolean,
): ConfirmationEdit[] {
  const poNumbers = plan.purchaseOrders.some((po) => {
    const typed = confirmation.poNumbers?.[po.distributor];
    return typed !== undefined && typed !== defaultPoNumbers[po.distributor];
  });
  const quantities = plan.purchaseOrders.some((po) =>
    po.lines.some((line) => {
      const typed = confirmation.quantities?.[line.lineId];
      return typed !== undefined && typed !== line.quantity;
    }),
  );
  return [
    ...(poNumbers ? (['PO numbers'] as const) : []),
    ...(shipToEdited ? (['ship-to address'] as const) : []),
    ...(quantities ? (['quantities'] as const) : []),
  ];
}
