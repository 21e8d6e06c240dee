import type { Digest, DigestSection, OrderRef } from '../domain/digest.js';
import { escape, type Content } from './templates.js';

interface Part {
  heading: string;
  lines: string[];
}

/** The dealer's daily digest: one email listing what needs them, section by section. */
export function dealerDigestEmail(digest: Digest): Content {
  const parts: Part[] = [
    part('Waiting for your confirmation', digest.awaitingConfirmation, (d) => `Order ${order(d.order)}: purchase orders proposed ${ago(d.days)}`),
    part('Drop-ships you need to resolve', digest.needsResolution, (d) => `Order ${order(d.order)}, started ${ago(d.days)}${d.detail ? `:\n${d.detail}` : ''}`),
    part(
      `Purchase orders not fully shipped after ${digest.unshippedAfterDays} days`,
      digest.unshipped,
      (po) => `PO ${po.poNumber} with ${po.distributorName} for order ${order(po.order)}: ${po.status.replaceAll('_', ' ')}, placed ${ago(po.days)}`,
    ),
    ...digest.exceptionGroups.map((group) => part(group.title, group, (e) => `${e.message}${e.order ? ` (order ${order(e.order)})` : ''}, ${ago(e.days)}`)),
  ].filter((p) => p.lines.length > 0);
  const day = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(`${digest.day}T00:00:00Z`));
  const intro = `${digest.count} ${digest.count === 1 ? 'thing needs' : 'things need'} your attention at ${digest.dealerName} today, ${day}.`;
  const outro = 'Everything stays in your Dropline exception inbox until you resolve it there.';

  const text = [intro, ...parts.flatMap((p) => ['', p.heading, ...p.lines.map((l) => `  - ${l.replaceAll('\n', '\n    ')}`)]), '', outro].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<p>${escape(intro)}</p>
${parts.map((p) => `<h3>${escape(p.heading)}</h3><ul>${p.lines.map((l) => `<li>${escape(l).replaceAll('\n', '<br>')}</li>`).join('')}</ul>`).join('\n')}
<p>${escape(outro)}</p>
</body></html>`;
  return { subject: `Dropline daily digest: ${digest.count} ${digest.count === 1 ? 'thing needs' : 'things need'} you (${day})`, html, text };
}

function part<T>(heading: string, section: DigestSection<T>, line: (item: T) => string): Part {
  const more = section.more > 0 ? [`…and ${section.more} more`] : [];
  return { heading: `${heading} (${section.items.length + section.more})`, lines: [...section.items.map(line), ...more] };
}

function order(ref: OrderRef): string {
  return `${ref.channelOrderId} (${ref.channel})`;
}

function ago(days: number): string {
  if (days === 0) return 'today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}
