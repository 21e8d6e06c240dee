import { describe, expect, it } from 'vitest';
import { dealerAlertEmail, shippedEmail } from './templates.js';

const shipped = (overrides: Partial<Parameters<typeof shippedEmail>[0]> = {}) =>
  shippedEmail({
    buyerName: 'Morgan Hill',
    dealerName: 'Ridge Line Powersports',
    orderRef: '#1042',
    carrier: 'UPS',
    trackingNumber: '1Z5R89390357567127',
    items: [
      { title: 'MX helmet, medium', quantity: 1 },
      { title: 'Oil filter HF204', quantity: 2 },
    ],
    wholeOrder: true,
    ...overrides,
  });

describe('shippedEmail', () => {
  it('names the order, the carrier and the package’s items in both the text and the HTML', () => {
    const email = shipped();
    expect(email.subject).toBe('Your order #1042 has shipped');
    for (const body of [email.text!, email.html!]) {
      expect(body).toContain('Morgan Hill');
      expect(body).toContain('#1042');
      expect(body).toContain('Ridge Line Powersports');
      expect(body).toContain('1Z5R89390357567127');
      expect(body).toContain('1 × MX helmet, medium');
      expect(body).toContain('2 × Oil filter HF204');
    }
  });

  it('says part of the order has shipped when the package does not hold all of it', () => {
    const whole = shipped();
    const part = shipped({ wholeOrder: false });
    expect(whole.text).toContain('Good news: your order #1042 from Ridge Line Powersports has shipped.');
    expect(whole.html).toContain('Good news: your order <strong>#1042</strong> from Ridge Line Powersports has shipped.');
    expect(part.subject).toBe('Part of your order #1042 has shipped');
    expect(part.text).toContain('Good news: part of your order #1042 from Ridge Line Powersports has shipped.');
    expect(part.html).toContain('Good news: part of your order <strong>#1042</strong> from Ridge Line Powersports has shipped.');
  });

  it.each([
    ['UPS', '1Z5R89390357567127', 'https://www.ups.com/track?tracknum=1Z5R89390357567127'],
    ['FedEx', '449044304137821', 'https://www.fedex.com/fedextrack/?trknbr=449044304137821'],
    ['USPS', '9400111899223197428490', 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490'],
    ['OnTrac', 'C11031500001879', 'https://www.ontrac.com/tracking/?number=C11031500001879'],
  ])('links a %s number to the carrier’s tracking page', (carrier, trackingNumber, link) => {
    const email = shipped({ carrier, trackingNumber });
    expect(email.text).toContain(`Track it: ${link}`);
    expect(email.html).toContain(`<a href="${link}">${trackingNumber}</a>`);
  });

  it('gives the number without a link for a carrier it has no tracking page for', () => {
    const email = shipped({ carrier: 'Old Dominion', trackingNumber: 'OD-778812' });
    expect(email.text).toContain('Carrier: Old Dominion\nTracking number: OD-778812\n');
    expect(email.text).not.toContain('Track it');
    expect(email.html).not.toContain('<a ');
  });

  it('escapes what buyers, dealers and distributors wrote in the HTML, and leaves the text as written', () => {
    const email = shipped({ buyerName: '<script>alert(1)</script>', dealerName: 'Tom & Jerry’s "Moto"', items: [{ title: '<b>Bars</b>', quantity: 1 }] });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Tom &amp; Jerry’s &quot;Moto&quot;');
    expect(email.html).toContain('&lt;b&gt;Bars&lt;/b&gt;');
    expect(email.text).toContain('Hi <script>alert(1)</script>,');
  });
});

describe('dealerAlertEmail', () => {
  it.each([
    [
      'PO failed',
      'PO RL-1001-WPS was not placed with Western Power Sports',
      'PO RL-1001-WPS could not be placed with Western Power Sports: the account has no Tax ID',
    ],
    [
      'PO given up',
      'PO RL-1001-WPS has not shipped after 42 days',
      'PO RL-1001-WPS has not fully shipped 42 days after it was placed. Dropline has stopped checking it; please contact Western Power Sports about this PO.',
    ],
    [
      'confirmation reminder',
      'A drop-ship is waiting for your confirmation',
      'The proposed purchase orders for this order have been waiting 24 hours for your confirmation.',
    ],
  ])('carries a %s message and the order in both the text and the HTML', (_kind, subject, message) => {
    const email = dealerAlertEmail({ subject, lines: [message], orderRef: 'gid://shopify/Order/1042' });
    expect(email.subject).toBe(subject);
    expect(email.text).toBe(`${message}\n\nOrder: gid://shopify/Order/1042`);
    expect(email.html).toContain(`<p>${message.replace(/'/g, '&#39;')}</p>`);
    expect(email.html).toContain('<p>Order: gid://shopify/Order/1042</p>');
  });

  it('escapes the message in the HTML', () => {
    const email = dealerAlertEmail({ subject: 'x', lines: ['WPS said: <error code="7">'], orderRef: '<1042>' });
    expect(email.html).toContain('WPS said: &lt;error code=&quot;7&quot;&gt;');
    expect(email.html).toContain('Order: &lt;1042&gt;');
  });
});
