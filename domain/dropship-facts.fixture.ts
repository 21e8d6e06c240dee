import type { DistributorId } from './distributors.js';
import type { CandidateItem, DistributorAccountFacts, DropshipFacts, LineFacts } from './dropship-plan.js';

/*
 * Builders for drop-ship facts in tests. Defaults describe a drop-ship where everything passes, so a
 * test overrides only the fact it is about.
 */

export function readyAccount(distributor: DistributorId, overrides: Partial<DistributorAccountFacts> = {}): DistributorAccountFacts {
  return { distributor, credentialsPresent: true, taxIdOnFile: true, creditCardOnFile: true, ...overrides };
}

/** An item with 10 units at a 1-day warehouse, costing $10.00. */
export function item(distributor: DistributorId, distributorSku: string, overrides: Partial<CandidateItem> = {}): CandidateItem {
  return {
    distributor,
    distributorSku,
    costCents: 1000,
    stock: [{ warehouse: 'main', quantity: 10, leadTimeDays: 1 }],
    ...overrides,
  };
}

/** A line for 2 units of HEL-100 at $25.00, carried by nobody until candidates are given. */
export function line(overrides: Partial<LineFacts> = {}): LineFacts {
  return {
    lineId: 'L1',
    dealerSku: 'HEL-100',
    quantity: 2,
    alreadyDropshippedQty: 0,
    unitPriceCents: 2500,
    candidates: [],
    ...overrides,
  };
}

/** Every distributor account ready, every shipping method mapped, complete address, $5.00 cutoff. */
export function facts(overrides: Partial<DropshipFacts> = {}): DropshipFacts {
  return {
    dealerId: 'dealer-1',
    orderId: 'order-1',
    channel: 'website',
    dropshipCutoffCents: 500,
    preference: [],
    accounts: [readyAccount('wps'), readyAccount('parts_unlimited'), readyAccount('tucker_rocky'), readyAccount('automatic')],
    shipToProblems: [],
    shippingRateName: 'Free Shipping',
    shippingMethods: { wps: 'UPS_GROUND', parts_unlimited: 'GRD', tucker_rocky: 'UG', automatic: 'GROUND' },
    lines: [],
    ...overrides,
  };
}
