import type { EmailMessage } from './types.js';
import { trackingLink } from './tracking-links.js';

export type Content = Pick<EmailMessage, 'subject' | 'html' | 'text'>;

export const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The buyer's "your package has shipped" email: one per package. `wholeOrder` when this one package
 * holds everything the buyer ordered, so the email says the order shipped rather than part of it.
 * Items are named by the product title the channel gave, not by SKU.
 */
export function shippedEmail(input: {
  buyerName: string;
  dealerName: string;
  orderRef: string;
  carrier: string;
  trackingNumber: string;
  items: Array<{ title: string; quantity: number }>;
  wholeOrder: boolean;
}): Content {
  const link = trackingLink(input.carrier, input.trackingNumber);
  const items = input.items.map((i) => `${i.quantity} × ${i.title}`);
  const what = input.wholeOrder ? 'your order' : 'part of your order';
  const text = [
    `Hi ${input.buyerName},`,
    '',
    `Good news: ${what} ${input.orderRef} from ${input.dealerName} has shipped.`,
    '',
    `Carrier: ${input.carrier}`,
    `Tracking number: ${input.trackingNumber}`,
    ...(link ? [`Track it: ${link}`] : []),
    '',
    'In this package:',
    ...items.map((i) => `  - ${i}`),
    '',
    `Thank you for shopping with ${input.dealerName}.`,
  ].join('\n');
  const trackingHtml = link ? `<a href="${escape(link)}">${escape(input.trackingNumber)}</a>` : escape(input.trackingNumber);
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<p>Hi ${escape(input.buyerName)},</p>
<p>Good news: ${what} <strong>${escape(input.orderRef)}</strong> from ${escape(input.dealerName)} has shipped.</p>
<p>Carrier: ${escape(input.carrier)}<br>Tracking number: ${trackingHtml}</p>
<p>In this package:</p><ul>${items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>
<p>Thank you for shopping with ${escape(input.dealerName)}.</p>
</body></html>`;
  const subject = input.wholeOrder ? `Your order ${input.orderRef} has shipped` : `Part of your order ${input.orderRef} has shipped`;
  return { subject, html, text };
}

/** A message to the dealer about something that needs them. */
export function dealerAlertEmail(input: { subject: string; lines: string[]; orderRef: string }): Content {
  const text = [...input.lines, '', `Order: ${input.orderRef}`].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">${input.lines
    .map((l) => `<p>${escape(l)}</p>`)
    .join('')}<p>Order: ${escape(input.orderRef)}</p></body></html>`;
  return { subject: input.subject, html, text };
}

/** The buyer's notice that a distributor backordered or cancelled part of their order, with what still ships. */
export function poChangeEmail(input: {
  buyerName: string;
  dealerName: string;
  orderRef: string;
  event: 'backordered' | 'cancelled';
  items: Array<{ title: string; quantity: number }>;
  stillShipping: Array<{ title: string; quantity: number }>;
}): Content {
  const list = (items: typeof input.items) => items.map((i) => `${i.quantity} × ${i.title}`);
  const news =
    input.event === 'backordered'
      ? `Part of your order ${input.orderRef} from ${input.dealerName} is on backorder and will ship later than planned:`
      : `We are sorry: part of your order ${input.orderRef} from ${input.dealerName} could not be supplied and has been cancelled:`;
  const rest = input.stillShipping.length > 0 ? 'The rest of your order is still on its way:' : 'Nothing else from your order is waiting to ship.';
  const text = [
    `Hi ${input.buyerName},`,
    '',
    news,
    ...list(input.items).map((i) => `  - ${i}`),
    '',
    rest,
    ...list(input.stillShipping).map((i) => `  - ${i}`),
    '',
    `If you have any questions, reply to this email. Thank you for shopping with ${input.dealerName}.`,
  ].join('\n');
  const ul = (items: typeof input.items) =>
    items.length
      ? `<ul>${list(items)
          .map((i) => `<li>${escape(i)}</li>`)
          .join('')}</ul>`
      : '';
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<p>Hi ${escape(input.buyerName)},</p>
<p>${escape(news)}</p>${ul(input.items)}
<p>${escape(rest)}</p>${ul(input.stillShipping)}
<p>If you have any questions, reply to this email. Thank you for shopping with ${escape(input.dealerName)}.</p>
</body></html>`;
  const subject = `Your order ${input.orderRef}: ${input.event === 'backordered' ? 'part of it is backordered' : 'part of it was cancelled'}`;
  return { subject, html, text };
}
