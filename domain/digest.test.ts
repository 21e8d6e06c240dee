import { describe, expect, it } from 'vitest';
import { buildDigest, DIGEST_SECTION_LIMIT, type DigestFacts, type OrderRef } from './digest.js';

const AT = '2026-03-10T13:00:00.000Z';
const daysAgo = (days: number, hours = 0) => new Date(Date.parse(AT) - days * 86_400_000 - hours * 3_600_000).toISOString();
const order = (n: number): OrderRef => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, channel: 'website', channelOrderId: `WEB-${n}` });

const nothing: DigestFacts = {
  dealerName: 'Ridge Line Powersports',
  day: '2026-03-10',
  at: AT,
  unshippedAfterDays: 5,
  exceptions: [],
  dropships: [],
  purchaseOrders: [],
};
const facts = (more: Partial<DigestFacts>): DigestFacts => ({ ...nothing, ...more });

const exception = (id: string, kind: DigestFacts['exceptions'][number]['kind'], raisedDaysAgo: number, orderNumber: number | null = null) => ({
  id,
  kind,
  message: `${kind} ${id}`,
  order: orderNumber === null ? null : order(orderNumber),
  poNumber: null,
  raisedAt: daysAgo(raisedDaysAgo),
});

describe('buildDigest', () => {
  it('is null when nothing needs the dealer, so no email goes out', () => {
    expect(buildDigest(nothing)).toBeNull();
    const recentPo = { poNumber: 'DL000001-W', distributor: 'wps' as const, status: 'submitted', order: order(1), submittedAt: daysAgo(4, 23) };
    expect(buildDigest(facts({ purchaseOrders: [recentPo] }))).toBeNull();
  });

  it('groups open exceptions by kind, most urgent kind first, oldest first within a kind', () => {
    const digest = buildDigest(
      facts({
        exceptions: [
          exception('given-up', 'po_given_up', 1, 3),
          exception('failed-new', 'po_failed', 0, 1),
          exception('failed-old', 'po_failed', 2, 2),
          exception('email', 'notification_failed', 3),
        ],
      }),
    )!;
    expect(digest.count).toBe(4);
    expect(digest.exceptionGroups.map((g) => [g.kind, g.items.map((i) => i.id)])).toEqual([
      ['po_failed', ['failed-old', 'failed-new']],
      ['po_given_up', ['given-up']],
      ['notification_failed', ['email']],
    ]);
    expect(digest.exceptionGroups[0]).toMatchObject({ title: 'Purchase orders a distributor did not accept', more: 0 });
    expect(digest.exceptionGroups[0]!.items[0]).toEqual({ id: 'failed-old', message: 'po_failed failed-old', order: order(2), poNumber: null, days: 2 });
  });

  it('lists drop-ships awaiting confirmation with how long they have waited, folding in their reminder', () => {
    const digest = buildDigest(
      facts({
        dropships: [
          { id: 'ds-new', status: 'awaiting_confirmation', order: order(2), since: daysAgo(0, 3) },
          { id: 'ds-old', status: 'awaiting_confirmation', order: order(1), since: daysAgo(2) },
        ],
        exceptions: [exception('reminder', 'confirmation_waiting', 1, 1), exception('other-order', 'confirmation_waiting', 1, 9)],
      }),
    )!;
    expect(digest.awaitingConfirmation.items).toEqual([
      { dropshipId: 'ds-old', order: order(1), days: 2, detail: 'confirmation_waiting reminder' },
      { dropshipId: 'ds-new', order: order(2), days: 0, detail: null },
    ]);
    expect(digest.exceptionGroups.map((g) => g.items.map((i) => i.id))).toEqual([['other-order']]);
    expect(digest.count).toBe(3);
  });

  it('lists a drop-ship needing resolution once, with its reasons, and only while its exception is open', () => {
    const dropships: DigestFacts['dropships'] = [
      { id: 'ds-open', status: 'needs_resolution', order: order(1), since: daysAgo(1) },
      { id: 'ds-resolved', status: 'needs_resolution', order: order(2), since: daysAgo(3) },
    ];
    const partlyPlaced = exception('lines', 'needs_resolution', 1, 5);
    const digest = buildDigest(facts({ dropships, exceptions: [exception('reasons', 'needs_resolution', 1, 1), partlyPlaced] }))!;
    expect(digest.needsResolution.items).toEqual([{ dropshipId: 'ds-open', order: order(1), days: 1, detail: 'needs_resolution reasons' }]);
    // A drop-ship that placed some lines is not listed; its exception still is.
    expect(digest.exceptionGroups).toEqual([expect.objectContaining({ kind: 'needs_resolution', items: [expect.objectContaining({ id: 'lines' })] })]);
    expect(digest.count).toBe(2);

    expect(buildDigest(facts({ dropships: [dropships[1]!] }))).toBeNull();
  });

  it('lists POs not fully shipped after the dealer’s number of whole days, oldest first', () => {
    const po = (poNumber: string, submittedAt: string, status = 'submitted') => ({
      poNumber,
      distributor: 'wps' as const,
      status,
      order: order(1),
      submittedAt,
    });
    const purchaseOrders = [po('DL-5', daysAgo(5)), po('DL-9', daysAgo(9), 'backordered'), po('DL-4', daysAgo(4, 23))];
    expect(buildDigest(facts({ purchaseOrders }))!.unshipped.items).toEqual([
      { poNumber: 'DL-9', distributorName: 'Western Power Sports', status: 'backordered', order: order(1), days: 9 },
      { poNumber: 'DL-5', distributorName: 'Western Power Sports', status: 'submitted', order: order(1), days: 5 },
    ]);
    expect(buildDigest(facts({ purchaseOrders, unshippedAfterDays: 2 }))!.unshipped.items.map((p) => p.poNumber)).toEqual(['DL-9', 'DL-5', 'DL-4']);
  });

  it('cuts long sections short, says how many more, and counts them all', () => {
    const many = Array.from({ length: DIGEST_SECTION_LIMIT + 3 }, (_, i) => exception(`e${i}`, 'po_failed', 1));
    const digest = buildDigest(facts({ exceptions: many }))!;
    expect(digest.exceptionGroups[0]!.items).toHaveLength(DIGEST_SECTION_LIMIT);
    expect(digest.exceptionGroups[0]!.more).toBe(3);
    expect(digest.count).toBe(DIGEST_SECTION_LIMIT + 3);
  });
});
