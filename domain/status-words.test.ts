import { describe, expect, it } from 'vitest';
import { EXCEPTION_KINDS, exceptionTitle } from './exceptions.js';
import { poActionRefusal } from './po-actions.js';
import { PO_STATUSES } from './purchase-order.js';
import { dropshipStatusPhrase, poStatusPhrase } from './status-words.js';

describe('status phrases', () => {
  it.each(PO_STATUSES)('says PO status %s in words, never as its code', (status) => {
    expect(poStatusPhrase(status)).not.toContain('_');
    expect(poStatusPhrase(status)).not.toBe(`is ${status}`);
  });

  it('fixes "is needs resolution"-style sentences', () => {
    expect(`This drop-ship ${dropshipStatusPhrase('needs_resolution')}`).toBe('This drop-ship has lines to resolve');
    expect(poActionRefusal('request_cancellation', { status: 'partially_shipped', lines: [], cancellationRequested: false })).toBeNull();
    expect(poActionRefusal('retry', { status: 'partially_shipped', lines: [], cancellationRequested: false })).toBe(
      'Only a failed or unverified purchase order can be retried; this one has partly shipped',
    );
  });
});

describe('exceptionTitle', () => {
  it.each(EXCEPTION_KINDS)('gives kind %s a title of its own, naming the PO or order it is about', (kind) => {
    const title = exceptionTitle(kind, { poNumber: 'DL-1-W', orderRef: 'WEB-7' });
    expect(title).not.toContain('_');
    const others = EXCEPTION_KINDS.filter((k) => k !== kind).map((k) => exceptionTitle(k, { poNumber: 'DL-1-W', orderRef: 'WEB-7' }));
    expect(others).not.toContain(title);
  });

  it('reads as a sentence without a PO or order', () => {
    expect(exceptionTitle('po_backordered', {})).toBe('The distributor backordered lines of a purchase order');
    expect(exceptionTitle('po_failed', {})).toBe('A purchase order was not accepted by the distributor');
  });
});
