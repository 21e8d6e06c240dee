import { describe, expect, it } from 'vitest';
import { addressProblems } from './address.js';
import { facts, item, line, readyAccount } from './dropship-facts.fixture.js';
import type { CandidateItem, DropshipFacts, LineFacts, Reason } from './dropship-plan.js';
import { assessCandidate } from './eligibility.js';

const WPS = item('wps', '87-1234');
const TUCKER = item('tucker_rocky', '0101-55');
const PU = item('parts_unlimited', '0110-77');

const allReady = facts();
const withoutAccount = (d: string) => facts({ accounts: allReady.accounts.filter((a) => a.distributor !== d) });
const stockAt = (...warehouses: Array<[number, number]>): CandidateItem['stock'] =>
  warehouses.map(([quantity, leadTimeDays], i) => ({ warehouse: `wh${i}`, quantity, leadTimeDays }));

const reason = (code: Reason['code'], message: string): Reason => ({ code, message });

const NO_WPS_ACCOUNT = reason('no_account', 'No Western Power Sports account is set up (add credentials in Settings → Distributors)');
const NO_TAX_ID = reason('no_tax_id', 'Western Power Sports account has no Tax ID on file');
const BELOW_CUTOFF = reason('below_cutoff', 'Unit price $4.00 is below your drop-ship cutoff of $5.00');
const WPS_UNMAPPED = reason('shipping_rate_unmapped', 'Shipping rate "Free Shipping" is not mapped to a Western Power Sports shipping method');
const WPS_LEAD_3 = reason('lead_time_too_long', 'Lead time is 3 days at every warehouse stocking Western Power Sports 87-1234 (drop-ship needs 1 day or less)');
const POSTAL_MISSING = reason('ship_to_incomplete', 'Ship-to address is incomplete: postal code is missing');

const completeAddress = {
  name: 'Jo Rider',
  line1: '1 Main St',
  city: 'Boise',
  region: 'ID',
  postalCode: '83702',
  country: 'US',
};

interface Row {
  name: string;
  line?: Partial<LineFacts>;
  candidate: CandidateItem;
  facts?: DropshipFacts;
  reasons: Reason[];
}

const rows: Row[] = [
  // Passing cases: each sits right at the edge of a rule.
  { name: 'ready WPS item passes', candidate: WPS, reasons: [] },
  { name: 'Tax ID is only a WPS rule', candidate: PU, facts: facts({ accounts: [readyAccount('parts_unlimited', { taxIdOnFile: false })] }), reasons: [] },
  {
    name: 'credit card is only a Tucker Rocky rule',
    candidate: WPS,
    facts: facts({ accounts: [readyAccount('wps', { creditCardOnFile: false })] }),
    reasons: [],
  },
  { name: 'Tucker Rocky with a card on file passes', candidate: TUCKER, reasons: [] },
  { name: 'price exactly at the cutoff passes', line: { unitPriceCents: 500 }, candidate: WPS, reasons: [] },
  { name: 'stock exactly covering the line passes', candidate: { ...WPS, stock: stockAt([2, 1]) }, reasons: [] },
  { name: 'stock split over 1-day warehouses adds up', candidate: { ...WPS, stock: stockAt([1, 0], [1, 1], [9, 4]) }, reasons: [] },
  {
    name: 'only the units not yet drop-shipped need stock',
    line: { quantity: 3, alreadyDropshippedQty: 2 },
    candidate: { ...WPS, stock: stockAt([1, 1]) },
    reasons: [],
  },

  // One failing rule each.
  { name: 'no account', candidate: WPS, facts: withoutAccount('wps'), reasons: [NO_WPS_ACCOUNT] },
  {
    name: 'account without credentials',
    candidate: WPS,
    facts: facts({ accounts: [readyAccount('wps', { credentialsPresent: false })] }),
    reasons: [reason('no_account', 'Western Power Sports account has no credentials saved (add them in Settings → Distributors)')],
  },
  { name: 'WPS without Tax ID', candidate: WPS, facts: facts({ accounts: [readyAccount('wps', { taxIdOnFile: false })] }), reasons: [NO_TAX_ID] },
  {
    name: 'Tucker Rocky without credit card',
    candidate: TUCKER,
    facts: facts({ accounts: [readyAccount('tucker_rocky', { creditCardOnFile: false })] }),
    reasons: [reason('no_credit_card', 'Tucker Rocky account has no credit card on file')],
  },
  {
    name: 'no warehouses listed',
    candidate: { ...WPS, stock: [] },
    reasons: [reason('out_of_stock', 'Western Power Sports 87-1234 is out of stock at every warehouse')],
  },
  {
    name: 'zero and negative quantities are out of stock',
    candidate: { ...WPS, stock: stockAt([0, 1], [-3, 0]) },
    reasons: [reason('out_of_stock', 'Western Power Sports 87-1234 is out of stock at every warehouse')],
  },
  { name: 'stock only at a 3-day warehouse', candidate: { ...WPS, stock: stockAt([5, 3], [0, 1]) }, reasons: [WPS_LEAD_3] },
  {
    name: 'stock only at warehouses with differing long lead times',
    candidate: { ...WPS, stock: stockAt([5, 5], [1, 3]) },
    reasons: [
      reason('lead_time_too_long', 'Lead time is 3 days or more at every warehouse stocking Western Power Sports 87-1234 (drop-ship needs 1 day or less)'),
    ],
  },
  {
    name: 'not enough at 1-day warehouses (slow stock does not count)',
    candidate: { ...WPS, stock: stockAt([1, 1], [50, 2]) },
    reasons: [reason('insufficient_stock', 'Only 1 of 2 units of Western Power Sports 87-1234 in stock at 1-day warehouses')],
  },
  { name: 'price below the cutoff', line: { unitPriceCents: 400 }, candidate: WPS, reasons: [BELOW_CUTOFF] },
  {
    name: 'ship-to missing its postal code',
    candidate: WPS,
    facts: facts({ shipToProblems: addressProblems({ ...completeAddress, postalCode: '' }) }),
    reasons: [POSTAL_MISSING],
  },
  {
    name: 'ship-to with several problems in one reason',
    candidate: WPS,
    facts: facts({ shipToProblems: addressProblems({ ...completeAddress, city: ' ', postalCode: '837' }) }),
    reasons: [reason('ship_to_incomplete', 'Ship-to address is incomplete: city is missing; ZIP code must look like 83702 or 83702-1234')],
  },
  { name: 'shipping rate not mapped', candidate: WPS, facts: facts({ shippingMethods: { parts_unlimited: 'GRD' } }), reasons: [WPS_UNMAPPED] },
  { name: 'shipping rate mapped to a blank code', candidate: WPS, facts: facts({ shippingMethods: { wps: '  ' } }), reasons: [WPS_UNMAPPED] },
  {
    name: 'line already drop-shipped',
    line: { quantity: 2, alreadyDropshippedQty: 2 },
    candidate: WPS,
    reasons: [reason('already_dropshipped', 'SKU HEL-100 is already drop-shipped (2 of 2 units on a distributor PO)')],
  },

  // The dealer's stock buffer: N units of each item are not counted.
  {
    name: 'stock above the buffer by the line quantity passes',
    candidate: { ...WPS, stock: stockAt([3, 1], [2, 0]) },
    facts: facts({ stockBuffer: 3 }),
    reasons: [],
  },
  {
    name: 'buffer leaves too little',
    candidate: { ...WPS, stock: stockAt([4, 1]) },
    facts: facts({ stockBuffer: 3 }),
    reasons: [
      reason(
        'insufficient_stock',
        'Only 1 of 2 units of Western Power Sports 87-1234 in stock at 1-day warehouses once your stock buffer of 3 units is held back',
      ),
    ],
  },
  {
    name: 'buffer larger than the stock leaves none',
    candidate: { ...WPS, stock: stockAt([2, 1]) },
    facts: facts({ stockBuffer: 5 }),
    reasons: [
      reason(
        'insufficient_stock',
        'Only 0 of 2 units of Western Power Sports 87-1234 in stock at 1-day warehouses once your stock buffer of 5 units is held back',
      ),
    ],
  },
  {
    name: 'buffer is held back from fast stock only, so slow stock still reads as lead time',
    candidate: { ...WPS, stock: stockAt([5, 3]) },
    facts: facts({ stockBuffer: 1 }),
    reasons: [WPS_LEAD_3],
  },
  {
    name: 'facts recorded before the buffer existed count no buffer',
    candidate: { ...WPS, stock: stockAt([2, 1]) },
    facts: facts({ stockBuffer: undefined }),
    reasons: [],
  },

  // Every failing rule is reported, in rule order.
  {
    name: 'account, stock, price and shipping all failing',
    line: { unitPriceCents: 400 },
    candidate: { ...WPS, stock: stockAt([4, 3]) },
    facts: facts({ accounts: [readyAccount('wps', { taxIdOnFile: false })], shippingMethods: {} }),
    reasons: [NO_TAX_ID, WPS_LEAD_3, BELOW_CUTOFF, WPS_UNMAPPED],
  },
  {
    name: 'missing account skips account details but still checks the rest',
    candidate: { ...WPS, stock: stockAt([1, 0]) },
    facts: facts({ accounts: [], shipToProblems: addressProblems({ ...completeAddress, postalCode: undefined }) }),
    reasons: [NO_WPS_ACCOUNT, reason('insufficient_stock', 'Only 1 of 2 units of Western Power Sports 87-1234 in stock at 1-day warehouses'), POSTAL_MISSING],
  },
  {
    name: 'Tucker Rocky with no credentials and no card',
    candidate: TUCKER,
    facts: facts({ accounts: [readyAccount('tucker_rocky', { credentialsPresent: false, creditCardOnFile: false })] }),
    reasons: [
      reason('no_account', 'Tucker Rocky account has no credentials saved (add them in Settings → Distributors)'),
      reason('no_credit_card', 'Tucker Rocky account has no credit card on file'),
    ],
  },
];

describe('assessCandidate rules', () => {
  it.each(rows)('$name', ({ line: lineOverrides, candidate, facts: f = allReady, reasons }) => {
    const assessment = assessCandidate(line(lineOverrides), candidate, f);
    expect(assessment.reasons).toEqual(reasons);
    expect(assessment.eligible).toBe(reasons.length === 0);
  });
});

describe('assessCandidate figures', () => {
  it.each([
    { name: 'single 1-day warehouse', stock: stockAt([10, 1]), availableQty: 10, leadTimeDays: 1 },
    { name: 'only 1-day stock counts as available', stock: stockAt([3, 0], [2, 1], [40, 2]), availableQty: 5, leadTimeDays: 0 },
    { name: 'lead time ignores empty warehouses', stock: stockAt([0, 0], [6, 4]), availableQty: 0, leadTimeDays: 4 },
    { name: 'nothing in stock has no lead time', stock: stockAt([0, 0]), availableQty: 0, leadTimeDays: null },
    { name: 'the buffer comes off available stock', stock: stockAt([3, 0], [2, 1], [40, 2]), buffer: 2, availableQty: 3, leadTimeDays: 0 },
    { name: 'available stock never goes below zero', stock: stockAt([3, 1]), buffer: 10, availableQty: 0, leadTimeDays: 1 },
  ])('$name', ({ stock, buffer = 0, availableQty, leadTimeDays }) => {
    const assessment = assessCandidate(line(), { ...WPS, costCents: 1450, stock }, facts({ stockBuffer: buffer }));
    expect(assessment).toMatchObject({
      distributor: 'wps',
      distributorSku: '87-1234',
      costCents: 1450,
      availableQty,
      leadTimeDays,
    });
  });

  it.each([
    { name: 'mapped method is carried through', methods: { wps: 'UPS_GROUND' }, shipMethod: 'UPS_GROUND' },
    { name: 'unmapped method is null', methods: {}, shipMethod: null },
  ])('$name', ({ methods, shipMethod }) => {
    expect(assessCandidate(line(), WPS, facts({ shippingMethods: methods })).shipMethod).toBe(shipMethod);
  });
});
