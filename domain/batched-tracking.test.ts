import { describe, expect, it } from 'vitest';
import { calendarDay, poTracking, reportIsNews, type RecordedPo } from './batched-tracking.js';
import type { DistributorReport } from './purchase-order.js';

const report = (overrides: Partial<DistributorReport> = {}): DistributorReport => ({
  poNumber: 'DL001000-W',
  status: 'partially_shipped',
  shipments: [{ carrier: 'UPS', trackingNumber: '1Z1', lines: [{ distributorSku: '87-9934', quantity: 1 }] }],
  cancelled: [],
  backordered: [{ distributorSku: '26-1105', quantity: 1 }],
  ...overrides,
});

const recorded = (overrides: Partial<RecordedPo> = {}): RecordedPo => ({
  status: 'partially_shipped',
  packages: new Map([['1Z1', [{ distributorSku: '87-9934', quantity: 1 }]]]),
  // One row per PO line: a line with nothing cancelled or backordered is no report.
  cancelled: [
    { distributorSku: '87-9934', quantity: 0 },
    { distributorSku: '26-1105', quantity: 0 },
  ],
  backordered: [
    { distributorSku: '87-9934', quantity: 0 },
    { distributorSku: '26-1105', quantity: 1 },
  ],
  ...overrides,
});

describe('reportIsNews', () => {
  it('is no news when the report says what Postgres holds', () => {
    expect(reportIsNews(report(), recorded())).toBe(false);
  });

  it('is news on a new status, a new package, package lines that differ, or other cancelled or backordered quantities', () => {
    expect(reportIsNews(report({ status: 'shipped' }), recorded())).toBe(true);
    expect(reportIsNews(report({ shipments: [...report().shipments, { carrier: 'UPS', trackingNumber: '1Z2', lines: [] }] }), recorded())).toBe(true);
    expect(
      reportIsNews(report({ shipments: [{ carrier: 'UPS', trackingNumber: '1Z1', lines: [{ distributorSku: '87-9934', quantity: 2 }] }] }), recorded()),
    ).toBe(true);
    expect(reportIsNews(report({ cancelled: [{ distributorSku: '87-9934', quantity: 1 }] }), recorded())).toBe(true);
    expect(reportIsNews(report({ backordered: [] }), recorded())).toBe(true);
  });

  it('is no news when a known package is listed without its lines (WPS lists tracking before it ships)', () => {
    expect(reportIsNews(report({ shipments: [{ carrier: 'UPS', trackingNumber: '1Z1', lines: [] }] }), recorded())).toBe(false);
  });

  it('is news for a PO waiting on a refused account, whatever the distributor says', () => {
    expect(reportIsNews(report(), recorded({ status: 'needs_attention' }))).toBe(true);
  });
});

describe('poTracking and calendarDay', () => {
  it('tracks by listing only the distributors named, with their safety check', () => {
    const listing = { distributors: ['wps' as const], safetyCheckMs: 86_400_000 };
    expect(poTracking(listing, 'wps')).toEqual({ tracking: 'listing', safetyCheckMs: 86_400_000 });
    expect(poTracking(listing, 'parts_unlimited')).toEqual({});
    expect(poTracking(undefined, 'wps')).toEqual({});
  });

  it('names the UTC calendar day of an instant, a number of days away', () => {
    expect(calendarDay(new Date('2026-12-03T00:30:00Z'), -1)).toBe('2026-12-02');
    expect(calendarDay(new Date('2026-12-31T23:59:00Z'))).toBe('2026-12-31');
  });
});
