import { describe, expect, it } from 'vitest';
import type { Digest } from '../domain/digest.js';
import { dealerDigestEmail } from './digest-email.js';

const order = { id: '00000000-0000-4000-8000-000000000001', channel: 'ebay', channelOrderId: 'EB-<1>' };
const digest: Digest = {
  dealerName: 'Ridge & Line',
  day: '2026-03-10',
  count: 27,
  unshippedAfterDays: 5,
  awaitingConfirmation: { items: [{ dropshipId: 'd1', order, days: 1, detail: null }], more: 0 },
  needsResolution: { items: [{ dropshipId: 'd2', order, days: 0, detail: 'BRAKE-PADS-FA: Lead time is 3 days\nOIL-FILTER: out of stock' }], more: 0 },
  unshipped: { items: [{ poNumber: 'DL000001-W', distributorName: 'Western Power Sports', status: 'partially_shipped', order, days: 9 }], more: 0 },
  exceptionGroups: [
    {
      kind: 'po_failed',
      title: 'Purchase orders a distributor did not accept',
      items: [{ id: 'e1', message: 'PO DL2 could not be placed: <script>alert(1)</script>', order: null, poNumber: 'DL2', days: 2 }],
      more: 23,
    },
  ],
};

describe('dealerDigestEmail', () => {
  const email = dealerDigestEmail(digest);

  it('says how much needs the dealer, and on which day, in the subject', () => {
    expect(email.subject).toBe('Dropline daily digest: 27 things need you (Tuesday, March 10)');
  });

  it('lists every section in plain text, with ages and what was cut short', () => {
    expect(email.text).toBe(
      [
        '27 things need your attention at Ridge & Line today, Tuesday, March 10.',
        '',
        'Waiting for your confirmation (1)',
        '  - Order EB-<1> (ebay): purchase orders proposed 1 day ago',
        '',
        'Drop-ships you need to resolve (1)',
        '  - Order EB-<1> (ebay), started today:',
        '    BRAKE-PADS-FA: Lead time is 3 days',
        '    OIL-FILTER: out of stock',
        '',
        'Purchase orders not fully shipped after 5 days (1)',
        '  - PO DL000001-W with Western Power Sports for order EB-<1> (ebay): partially shipped, placed 9 days ago',
        '',
        'Purchase orders a distributor did not accept (24)',
        '  - PO DL2 could not be placed: <script>alert(1)</script>, 2 days ago',
        '  - …and 23 more',
        '',
        'Everything stays in your Dropline exception inbox until you resolve it there.',
      ].join('\n'),
    );
  });

  it('escapes everything that came from dealers, buyers or distributors in the HTML', () => {
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Ridge &amp; Line');
    expect(email.html).toContain('EB-&lt;1&gt;');
    expect(email.html).toContain('<h3>Drop-ships you need to resolve (1)</h3>');
    expect(email.html).toContain('Lead time is 3 days<br>OIL-FILTER');
  });
});
