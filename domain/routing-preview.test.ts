import { describe, expect, it } from 'vitest';
import { facts, item, line, readyAccount } from './dropship-facts.fixture.js';
import { REASON_CODES } from './dropship-plan.js';
import { fixingAction, previewRouting } from './routing-preview.js';

const context = { sku: 'HEL 100/B', orderId: 'order-1' };

describe('fixingAction', () => {
  it.each([
    ['not_carried', 'Add a cross-reference in the catalog', '/catalog?q=HEL%20100%2FB'],
    ['no_account', 'Connect a distributor account', '/settings'],
    ['no_tax_id', 'Put your Tax ID on file with the distributor', '/settings'],
    ['no_credit_card', 'Put a credit card on file with the distributor', '/settings'],
    ['out_of_stock', 'Wait for stock, or ship it yourself', null],
    ['insufficient_stock', 'Wait for stock, or ship it yourself', null],
    ['lead_time_too_long', 'Too slow to drop-ship: ship it yourself', null],
    ['below_cutoff', 'Under your drop-ship cutoff: ship it yourself', null],
    ['above_cost_ceiling', 'Over the cost cutoff: drop-ship it manually', '/orders/order-1'],
    ['ship_to_incomplete', 'Correct the ship-to address in the drop-ship', '/orders/order-1'],
    ['shipping_rate_unmapped', 'Map the shipping rate to a distributor method in Settings', '/settings'],
    ['not_paid', 'Wait: the order is not paid yet', null],
  ] as const)('%s → %s', (code, label, href) => {
    expect(fixingAction(code, context)).toEqual({ label, href });
  });

  it('has an action for every reason routing can give', () => {
    for (const code of REASON_CODES) expect(fixingAction(code, context).label).not.toBe('');
  });
});

describe('previewRouting', () => {
  it('is ready with the proposed PO split when every line routes', () => {
    const preview = previewRouting(
      'open',
      facts({
        lines: [
          line({ lineId: 'L1', dealerSku: 'HEL-100', candidates: [item('wps', '87-1')] }),
          line({ lineId: 'L2', dealerSku: 'GLOVE-9', candidates: [item('parts_unlimited', 'PU-9')] }),
        ],
        preference: ['wps', 'parts_unlimited'],
      }),
    );
    expect(preview.state).toBe('ready');
    expect(preview.lines.map((l) => [l.dealerSku, l.distributor, l.distributorSku, l.problems])).toEqual([
      ['HEL-100', 'wps', '87-1', []],
      ['GLOVE-9', 'parts_unlimited', 'PU-9', []],
    ]);
    expect(preview.purchaseOrders.map((po) => [po.distributor, po.lines.map((l) => l.dealerSku)])).toEqual([
      ['wps', ['HEL-100']],
      ['parts_unlimited', ['GLOVE-9']],
    ]);
  });

  it('is resolve with each line’s reasons and their fixes, still proposing what does route', () => {
    const preview = previewRouting(
      'open',
      facts({
        accounts: [readyAccount('wps')],
        lines: [
          line({ lineId: 'L1', dealerSku: 'HEL-100', candidates: [item('wps', '87-1')] }),
          line({ lineId: 'L2', dealerSku: 'NOBODY-1' }),
          line({ lineId: 'L3', dealerSku: 'PU-ONLY', candidates: [item('parts_unlimited', 'PU-3', { stock: [] })] }),
        ],
      }),
    );
    expect(preview.state).toBe('resolve');
    const problems = Object.fromEntries(preview.lines.map((l) => [l.dealerSku, l.problems.map((p) => [p.code, p.action.label])]));
    expect(problems).toEqual({
      'HEL-100': [],
      'NOBODY-1': [['not_carried', 'Add a cross-reference in the catalog']],
      'PU-ONLY': [
        ['no_account', 'Connect a distributor account'],
        ['out_of_stock', 'Wait for stock, or ship it yourself'],
      ],
    });
    expect(preview.lines.find((l) => l.dealerSku === 'NOBODY-1')?.problems[0]?.action.href).toBe('/catalog?q=NOBODY-1');
    expect(preview.purchaseOrders.map((po) => po.distributor)).toEqual(['wps']);
  });

  it('says to wait for payment on an unpaid order, even when its lines route', () => {
    const preview = previewRouting('awaiting_payment', facts({ lines: [line({ candidates: [item('wps', '87-1')] })] }));
    expect(preview.state).toBe('resolve');
    expect(preview.orderProblems).toEqual([
      { code: 'not_paid', message: 'The buyer has not paid yet', action: { label: 'Wait: the order is not paid yet', href: null } },
    ]);
  });

  it('routes nothing for an order a drop-ship took, or that is shipped or cancelled', () => {
    const routable = facts({ lines: [line({ candidates: [item('wps', '87-1')] })] });
    expect(previewRouting('dropshipping', routable)).toEqual({ state: 'underway', orderProblems: [], lines: [], purchaseOrders: [] });
    expect(previewRouting('partially_shipped', routable).state).toBe('underway');
    expect(previewRouting('shipped', routable).state).toBe('closed');
    expect(previewRouting('cancelled', routable).state).toBe('closed');
  });

  it('is underway, not ready, when every line is already on a PO', () => {
    const preview = previewRouting('open', facts({ lines: [line({ alreadyDropshippedQty: 2, candidates: [item('wps', '87-1')] })] }));
    expect(preview.state).toBe('underway');
    expect(preview.lines[0]?.status).toBe('already_dropshipped');
  });
});
