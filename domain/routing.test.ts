import { describe, expect, it } from 'vitest';
import type { DistributorId } from './distributors.js';
import { facts, item, line, readyAccount } from './dropship-facts.fixture.js';
import type { CandidateItem, DropshipFacts, LineFacts } from './dropship-plan.js';
import { planDropship, rerouteLine, SwapRejected } from './routing.js';

const stock = (quantity: number, leadTimeDays = 1): CandidateItem['stock'] => [{ warehouse: 'main', quantity, leadTimeDays }];
const noCardForTucker = facts().accounts.map((a) => (a.distributor === 'tucker_rocky' ? readyAccount('tucker_rocky', { creditCardOnFile: false }) : a));

function planOne(candidates: CandidateItem[], overrides: Partial<DropshipFacts> = {}, lineOverrides: Partial<LineFacts> = {}) {
  const plan = planDropship(facts({ ...overrides, lines: [line({ ...lineOverrides, candidates })] }));
  const only = plan.lines[0];
  if (!only) throw new Error('plan has no line');
  return only;
}

describe('planDropship line status', () => {
  it.each([
    {
      name: 'fully drop-shipped line',
      line: { quantity: 2, alreadyDropshippedQty: 2, candidates: [item('wps', '87-1234')] },
      status: 'already_dropshipped',
      quantity: 0,
      reasons: [{ code: 'already_dropshipped', message: 'SKU HEL-100 is already drop-shipped (2 of 2 units on a distributor PO)' }],
    },
    {
      name: 'over-drop-shipped line counts as done',
      line: { quantity: 2, alreadyDropshippedQty: 3, candidates: [item('wps', '87-1234')] },
      status: 'already_dropshipped',
      quantity: 0,
      reasons: [{ code: 'already_dropshipped', message: 'SKU HEL-100 is already drop-shipped (3 of 2 units on a distributor PO)' }],
    },
    {
      name: 'SKU nobody carries',
      line: { candidates: [] },
      status: 'needs_resolution',
      quantity: 2,
      reasons: [{ code: 'not_carried', message: 'No distributor in your catalog carries SKU HEL-100' }],
    },
    {
      name: 'partly drop-shipped line routes the rest',
      line: { quantity: 5, alreadyDropshippedQty: 2, candidates: [item('wps', '87-1234')] },
      status: 'routed',
      quantity: 3,
      reasons: [],
    },
  ])('$name', ({ line: lineFacts, status, quantity, reasons }) => {
    const [planned] = planDropship(facts({ lines: [line(lineFacts)] })).lines;
    expect(planned).toMatchObject({ lineId: 'L1', dealerSku: 'HEL-100', status, quantity, reasons });
  });

  it('lists every distinct reason when no candidate is eligible, shared ones once', () => {
    const planned = planOne(
      [item('wps', '87-1234', { stock: stock(0) }), item('tucker_rocky', '0101-55')],
      { accounts: noCardForTucker },
      { unitPriceCents: 400 },
    );
    expect(planned.status).toBe('needs_resolution');
    expect(planned.chosen).toBeNull();
    expect(planned.why).toEqual([]);
    expect(planned.reasons).toEqual([
      { code: 'no_credit_card', message: 'Tucker Rocky account has no credit card on file' },
      { code: 'below_cutoff', message: 'Unit price $4.00 is below your drop-ship cutoff of $5.00' },
      { code: 'out_of_stock', message: 'Western Power Sports 87-1234 is out of stock at every warehouse' },
    ]);
    expect(planned.candidates.map((c) => c.distributor)).toEqual(['tucker_rocky', 'wps']);
    expect(planDropship(facts({ lines: [] })).purchaseOrders).toEqual([]);
  });
});

describe('planDropship ranking', () => {
  it.each<{
    name: string;
    preference: DistributorId[];
    candidates: CandidateItem[];
    accounts?: DropshipFacts['accounts'];
    order: string[];
    why: string[];
  }>([
    {
      name: 'preference beats lower cost',
      preference: ['wps', 'parts_unlimited'],
      candidates: [item('parts_unlimited', 'PU-1', { costCents: 1200 }), item('wps', 'W-1', { costCents: 1450 })],
      order: ['wps W-1', 'parts_unlimited PU-1'],
      why: ['Western Power Sports is first in your distributor preference', 'Parts Unlimited would cost less ($12.00 vs $14.50)'],
    },
    {
      name: 'preference beats more stock',
      preference: ['tucker_rocky'],
      candidates: [item('wps', 'W-1', { stock: stock(50) }), item('tucker_rocky', 'T-1', { stock: stock(2) })],
      order: ['tucker_rocky T-1', 'wps W-1'],
      why: ['Tucker Rocky is first in your distributor preference'],
    },
    {
      name: 'an ineligible preferred distributor ranks after every eligible one',
      preference: ['tucker_rocky', 'parts_unlimited', 'wps'],
      accounts: noCardForTucker,
      candidates: [item('tucker_rocky', 'T-1'), item('wps', 'W-1'), item('parts_unlimited', 'PU-1')],
      order: ['parts_unlimited PU-1', 'wps W-1', 'tucker_rocky T-1'],
      why: ['Parts Unlimited is ahead of Western Power Sports in your distributor preference'],
    },
    {
      name: 'a listed distributor beats an unlisted one',
      preference: ['automatic', 'parts_unlimited'],
      candidates: [item('wps', 'W-1'), item('parts_unlimited', 'PU-1')],
      order: ['parts_unlimited PU-1', 'wps W-1'],
      why: ['Parts Unlimited is in your distributor preference and Western Power Sports is not'],
    },
    {
      name: 'more stock wins among equally preferred',
      preference: [],
      candidates: [item('parts_unlimited', 'PU-1', { stock: stock(3), costCents: 900 }), item('wps', 'W-1', { stock: stock(5) })],
      order: ['wps W-1', 'parts_unlimited PU-1'],
      why: ['Western Power Sports has more in stock (5 vs 3 units at 1-day warehouses)', 'Parts Unlimited would cost less ($9.00 vs $10.00)'],
    },
    {
      name: 'lower cost wins on equal stock',
      preference: [],
      candidates: [item('wps', 'W-1', { costCents: 1450 }), item('parts_unlimited', 'PU-1', { costCents: 1200 })],
      order: ['parts_unlimited PU-1', 'wps W-1'],
      why: ['Parts Unlimited has the lowest cost ($12.00 vs $14.50)'],
    },
    {
      name: 'lower cost than the runner-up but not the cheapest overall',
      preference: [],
      candidates: [
        item('tucker_rocky', 'T-1', { costCents: 1000, stock: stock(3) }),
        item('parts_unlimited', 'PU-1', { costCents: 1450, stock: stock(5) }),
        item('wps', 'W-1', { costCents: 1400, stock: stock(5) }),
      ],
      order: ['wps W-1', 'parts_unlimited PU-1', 'tucker_rocky T-1'],
      why: ['Western Power Sports costs less than Parts Unlimited ($14.00 vs $14.50)', 'Tucker Rocky would cost less ($10.00 vs $14.00)'],
    },
    {
      name: 'shorter lead time wins on equal stock and cost',
      preference: [],
      candidates: [item('parts_unlimited', 'PU-1', { stock: stock(4, 1) }), item('wps', 'W-1', { stock: stock(4, 0) })],
      order: ['wps W-1', 'parts_unlimited PU-1'],
      why: ['Western Power Sports ships sooner (0 days vs 1 day lead time)'],
    },
    {
      name: 'full tie falls back to distributor id',
      preference: [],
      candidates: [item('wps', 'W-1'), item('parts_unlimited', 'PU-1')],
      order: ['parts_unlimited PU-1', 'wps W-1'],
      why: ['Parts Unlimited and Western Power Sports tie on preference, stock, cost and lead time; Parts Unlimited was picked by a fixed tie-break'],
    },
    {
      name: 'two items of one distributor are told apart by SKU',
      preference: ['wps'],
      candidates: [item('wps', 'W-A', { stock: stock(3) }), item('wps', 'W-B', { stock: stock(8) })],
      order: ['wps W-B', 'wps W-A'],
      why: ['Western Power Sports W-B has more in stock (8 vs 3 units at 1-day warehouses)'],
    },
    {
      name: 'only eligible distributor',
      preference: ['tucker_rocky'],
      accounts: noCardForTucker,
      candidates: [item('tucker_rocky', 'T-1'), item('wps', 'W-1', { costCents: 3000 })],
      order: ['wps W-1', 'tucker_rocky T-1'],
      why: ['Western Power Sports is the only eligible distributor for SKU HEL-100'],
    },
    {
      name: 'only distributor carrying the part',
      preference: [],
      candidates: [item('automatic', 'A-1')],
      order: ['automatic A-1'],
      why: ['Automatic Distributors is the only distributor that carries SKU HEL-100'],
    },
  ])('$name', ({ preference, candidates, accounts, order, why }) => {
    const planned = planOne(candidates, accounts ? { preference, accounts } : { preference });
    expect(planned.status).toBe('routed');
    expect(planned.candidates.map((c) => `${c.distributor} ${c.distributorSku}`)).toEqual(order);
    expect(planned.chosen).toBe(planned.candidates[0]);
    expect(planned.why).toEqual(why);
  });

  it('does not depend on the order candidates arrive in', () => {
    const candidates = [
      item('wps', 'W-1'),
      item('parts_unlimited', 'PU-1'),
      item('automatic', 'A-1', { costCents: 900 }),
      item('tucker_rocky', 'T-1', { stock: stock(1) }),
    ];
    expect(planOne([...candidates].reverse())).toEqual(planOne(candidates));
  });

  it('leaves the facts untouched', () => {
    const input = facts({
      preference: ['parts_unlimited'],
      lines: [line({ candidates: [item('wps', 'W-1'), item('parts_unlimited', 'PU-1')] })],
    });
    const before = structuredClone(input);
    planDropship(deepFreeze(input));
    expect(input).toEqual(before);
  });
});

describe('planDropship purchase orders', () => {
  it('groups routed lines into one PO per distributor in preference order', () => {
    const plan = planDropship(
      facts({
        preference: ['parts_unlimited', 'wps'],
        lines: [
          line({ lineId: 'L1', dealerSku: 'HEL-100', candidates: [item('wps', 'W-100')] }),
          line({ lineId: 'L2', dealerSku: 'GLV-200', quantity: 1, candidates: [item('parts_unlimited', 'PU-200'), item('wps', 'W-200')] }),
          line({ lineId: 'L3', dealerSku: 'OIL-300', quantity: 4, alreadyDropshippedQty: 1, candidates: [item('wps', 'W-300')] }),
          line({ lineId: 'L4', dealerSku: 'TIRE-400', candidates: [] }),
          line({ lineId: 'L5', dealerSku: 'CHAIN-500', alreadyDropshippedQty: 2, candidates: [item('wps', 'W-500')] }),
        ],
      }),
    );
    expect(plan.lines.map((l) => [l.lineId, l.status])).toEqual([
      ['L1', 'routed'],
      ['L2', 'routed'],
      ['L3', 'routed'],
      ['L4', 'needs_resolution'],
      ['L5', 'already_dropshipped'],
    ]);
    expect(plan.purchaseOrders).toEqual([
      {
        distributor: 'parts_unlimited',
        shipMethod: 'GRD',
        lines: [{ lineId: 'L2', dealerSku: 'GLV-200', distributorSku: 'PU-200', quantity: 1 }],
      },
      {
        distributor: 'wps',
        shipMethod: 'UPS_GROUND',
        lines: [
          { lineId: 'L1', dealerSku: 'HEL-100', distributorSku: 'W-100', quantity: 2 },
          { lineId: 'L3', dealerSku: 'OIL-300', distributorSku: 'W-300', quantity: 3 },
        ],
      },
    ]);
  });

  it.each<{ name: string; preference: DistributorId[]; order: DistributorId[] }>([
    { name: 'listed distributors first, in preference order', preference: ['tucker_rocky', 'wps'], order: ['tucker_rocky', 'wps', 'automatic'] },
    { name: 'unlisted distributors after, by id', preference: ['wps'], order: ['wps', 'automatic', 'tucker_rocky'] },
    { name: 'no preference at all, by id', preference: [], order: ['automatic', 'tucker_rocky', 'wps'] },
  ])('orders POs: $name', ({ preference, order }) => {
    const plan = planDropship(
      facts({
        preference,
        lines: [
          line({ lineId: 'L1', candidates: [item('wps', 'W-1')] }),
          line({ lineId: 'L2', candidates: [item('tucker_rocky', 'T-2')] }),
          line({ lineId: 'L3', candidates: [item('automatic', 'A-3')] }),
        ],
      }),
    );
    expect(plan.purchaseOrders.map((po) => po.distributor)).toEqual(order);
  });
});

describe('rerouteLine', () => {
  // L1 goes to WPS (preferred) but PU and Tucker Rocky also carry it; Tucker Rocky has too little stock.
  const swapFacts = facts({
    preference: ['wps', 'parts_unlimited'],
    lines: [
      line({
        lineId: 'L1',
        candidates: [item('wps', 'W-1'), item('parts_unlimited', 'PU-1', { costCents: 900 }), item('tucker_rocky', 'T-1', { stock: stock(1) })],
      }),
      line({ lineId: 'L2', dealerSku: 'GLV-200', candidates: [item('parts_unlimited', 'PU-2')] }),
      line({ lineId: 'L3', dealerSku: 'TIRE-300', candidates: [] }),
      line({ lineId: 'L4', dealerSku: 'OIL-400', alreadyDropshippedQty: 2, candidates: [item('wps', 'W-4')] }),
    ],
  });
  const plan = planDropship(swapFacts);

  it('moves the line and regroups the POs', () => {
    const swapped = rerouteLine(plan, swapFacts, 'L1', 'parts_unlimited');
    const moved = swapped.lines.find((l) => l.lineId === 'L1');
    expect(moved).toMatchObject({ status: 'routed', why: ['swapped by dealer'], reasons: [] });
    expect(moved?.chosen).toMatchObject({ distributor: 'parts_unlimited', distributorSku: 'PU-1', eligible: true });
    expect(swapped.purchaseOrders).toEqual([
      {
        distributor: 'parts_unlimited',
        shipMethod: 'GRD',
        lines: [
          { lineId: 'L1', dealerSku: 'HEL-100', distributorSku: 'PU-1', quantity: 2 },
          { lineId: 'L2', dealerSku: 'GLV-200', distributorSku: 'PU-2', quantity: 2 },
        ],
      },
    ]);
    // The original plan is a value the workflow may still hold; it must not change.
    expect(plan.lines[0]?.chosen?.distributor).toBe('wps');
    expect(plan.purchaseOrders.map((po) => po.distributor)).toEqual(['wps', 'parts_unlimited']);
  });

  it('is a no-op when the line already goes to that distributor', () => {
    expect(rerouteLine(plan, swapFacts, 'L1', 'wps')).toBe(plan);
  });

  it('can swap back after an earlier swap', () => {
    const there = rerouteLine(plan, swapFacts, 'L1', 'parts_unlimited');
    const back = rerouteLine(there, swapFacts, 'L1', 'wps');
    expect(back.purchaseOrders).toEqual(plan.purchaseOrders);
    expect(back.lines[0]?.why).toEqual(['swapped by dealer']);
  });

  it.each<{ name: string; lineId: string; distributor: DistributorId; message: string; codes: string[] }>([
    { name: 'unknown line', lineId: 'L9', distributor: 'wps', message: 'Line L9 is not part of this drop-ship', codes: [] },
    {
      name: 'already drop-shipped line',
      lineId: 'L4',
      distributor: 'parts_unlimited',
      message: "SKU OIL-400 is already drop-shipped, so it can't be swapped",
      codes: [],
    },
    {
      name: 'line that needs resolution',
      lineId: 'L3',
      distributor: 'wps',
      message:
        'SKU TIRE-300 is not routed to any distributor yet, so there is nothing to swap; resolve it first: ' +
        'No distributor in your catalog carries SKU TIRE-300',
      codes: ['not_carried'],
    },
    {
      name: 'distributor that does not carry the part',
      lineId: 'L1',
      distributor: 'automatic',
      message: 'Automatic Distributors does not carry SKU HEL-100',
      codes: [],
    },
    {
      name: 'ineligible distributor',
      lineId: 'L1',
      distributor: 'tucker_rocky',
      message: "Tucker Rocky can't drop-ship SKU HEL-100: Only 1 of 2 units of Tucker Rocky T-1 in stock at 1-day warehouses",
      codes: ['insufficient_stock'],
    },
  ])('rejects $name', ({ lineId, distributor, message, codes }) => {
    let caught: unknown;
    try {
      rerouteLine(plan, swapFacts, lineId, distributor);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SwapRejected);
    const rejected = caught as SwapRejected;
    expect(rejected.message).toBe(message);
    expect(rejected.code).toBe('UNPROCESSABLE');
    expect(rejected.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('judges the swap on the facts it is given, not the stale plan', () => {
    const noPuAccount = { ...swapFacts, accounts: swapFacts.accounts.filter((a) => a.distributor !== 'parts_unlimited') };
    expect(() => rerouteLine(plan, noPuAccount, 'L1', 'parts_unlimited')).toThrow(
      "Parts Unlimited can't drop-ship SKU HEL-100: No Parts Unlimited account is set up (add credentials in Settings → Distributors)",
    );
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
