import { describe, expect, it } from 'vitest';
import { actionPrompt, cancellationSummary, lineTrouble } from './po-actions';
import type { PurchaseOrder } from './types';

type Line = PurchaseOrder['lines'][number];
const line = (fields: Partial<Line>): Line => ({
  poId: 'po-1',
  orderLineId: 'line-1',
  dealerSku: 'HELMET-MX-M',
  distributorSku: '0101-3337',
  quantity: 2,
  shippedQty: 0,
  cancelledQty: 0,
  backorderedQty: 0,
  reroutedQty: 0,
  cancelState: null,
  ...fields,
});
const cancellation = (via: 'api' | 'task' | null): NonNullable<PurchaseOrder['cancellation']> => ({
  requestedAt: '2026-12-03T14:00:00.000Z',
  requestedBy: 'alex@ridgeline.example',
  reason: null,
  via,
  note: null,
});

describe('what a PO action says before the dealer takes it', () => {
  it('says a retry looks the PO up first, under the same number', () => {
    expect(actionPrompt('retry', { poNumber: 'DL000001-P', status: 'unknown' }, 'Parts Unlimited').explanation).toBe(
      'Dropline first looks up PO DL000001-P at Parts Unlimited, and sends it again under the same number only if Parts Unlimited does not have it, so it is never ordered twice.',
    );
  });

  it('says a re-route moves what the distributor refused, or what it cancelled or backordered, and waits for the dealer', () => {
    const refused = actionPrompt('reroute', { poNumber: 'DL000001-P', status: 'failed' }, 'Parts Unlimited');
    expect(refused.label).toBe('Re-route to another distributor');
    expect(refused.explanation).toMatch(/^Dropline routes the lines Parts Unlimited refused again, without Parts Unlimited\. You check and confirm/);
    expect(actionPrompt('reroute', { poNumber: 'DL000001-P', status: 'backordered' }, 'Parts Unlimited').explanation).toMatch(
      /^Dropline routes what Parts Unlimited cancelled or backordered again/,
    );
  });

  it('says a cancellation asks the distributor for what has not shipped', () => {
    expect(actionPrompt('request_cancellation', { poNumber: 'DL000002-A', status: 'submitted' }, 'Automatic Distributors').explanation).toMatch(
      /^Dropline asks Automatic Distributors to cancel what has not shipped on PO DL000002-A/,
    );
  });
});

describe('where a cancellation stands', () => {
  it('is nothing before one is requested', () => {
    expect(cancellationSummary({ cancellation: null, lines: [line({})] })).toBeNull();
  });

  it('names the one state all lines share, and how the request went', () => {
    expect(cancellationSummary({ cancellation: cancellation('api'), lines: [line({ cancelState: 'cancelled' })] })).toBe(
      "Cancelled as requested through the distributor's cancel API",
    );
    expect(cancellationSummary({ cancellation: cancellation('task'), lines: [line({ cancelState: 'requested' })] })).toBe(
      'Cancellation requested, a task for you',
    );
  });

  it('counts lines per state when they differ, leaving out lines the request does not cover', () => {
    const lines = [
      line({ orderLineId: 'a', cancelState: 'cancelled' }),
      line({ orderLineId: 'b', cancelState: 'shipped_after_cancel' }),
      line({ orderLineId: 'c', cancelState: 'cancelled' }),
      line({ orderLineId: 'd', cancelState: null }),
    ];
    expect(cancellationSummary({ cancellation: cancellation(null), lines })).toBe('2 lines cancelled as requested, 1 line shipped after cancel requested');
  });
});

describe("a line's quantities the distributor did not ship as ordered", () => {
  it('lists backordered, cancelled and re-routed units, and nothing for a line shipped as ordered', () => {
    expect(lineTrouble(line({ backorderedQty: 1, reroutedQty: 1 }))).toBe('1 backordered, 1 re-routed');
    expect(lineTrouble(line({ cancelledQty: 2 }))).toBe('2 cancelled');
    expect(lineTrouble(line({ shippedQty: 2 }))).toBe('');
  });
});
