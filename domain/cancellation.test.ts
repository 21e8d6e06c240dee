import { describe, expect, it } from 'vitest';
import { reconcileLine, type LineUnderCancellation } from './cancellation.js';

const line = (overrides: Partial<LineUnderCancellation>): LineUnderCancellation => ({
  orderLineId: 'line-1',
  distributorSku: '171-1042',
  quantity: 3,
  shippedQty: 0,
  cancelledQty: 0,
  state: 'requested',
  atRequest: { shippedQty: 0, cancelledQty: 0 },
  ...overrides,
});

describe('reconcileLine', () => {
  it('cancels a line once everything left at the request is cancelled, and not before', () => {
    expect(reconcileLine(line({ cancelledQty: 3 }))).toBe('cancelled');
    expect(reconcileLine(line({ cancelledQty: 2 }))).toBe('requested');
    expect(reconcileLine(line({ shippedQty: 1, cancelledQty: 2, atRequest: { shippedQty: 1, cancelledQty: 0 } }))).toBe('cancelled');
    expect(reconcileLine(line({ state: 'unknown', cancelledQty: 3 }))).toBe('cancelled');
  });

  it('calls a line that shipped after the request shipped after cancel, refused or not', () => {
    expect(reconcileLine(line({ shippedQty: 1 }))).toBe('shipped_after_cancel');
    expect(reconcileLine(line({ state: 'refused', shippedQty: 3 }))).toBe('shipped_after_cancel');
    expect(reconcileLine(line({ state: 'unknown', shippedQty: 2, cancelledQty: 1 }))).toBe('shipped_after_cancel');
    // Units shipped before the request are not news.
    expect(reconcileLine(line({ state: 'refused', shippedQty: 1, atRequest: { shippedQty: 1, cancelledQty: 0 } }))).toBe('refused');
  });

  it('lets a refused line be cancelled after all, and leaves settled lines and lines without a request alone', () => {
    expect(reconcileLine(line({ state: 'refused', cancelledQty: 3 }))).toBe('cancelled');
    expect(reconcileLine(line({ state: 'cancelled', shippedQty: 3 }))).toBe('cancelled');
    expect(reconcileLine(line({ state: 'shipped_after_cancel', cancelledQty: 3 }))).toBe('shipped_after_cancel');
    expect(reconcileLine(line({ state: null, shippedQty: 3 }))).toBeNull();
  });
});
