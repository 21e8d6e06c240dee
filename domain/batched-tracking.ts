import type { DistributorId } from './distributors.js';
import type { DistributorReport, PoStatus } from './purchase-order.js';
import { reportsKey } from './purchase-order.js';
import { sameContents, type SkuQuantity } from './shipped-quantities.js';

/** What Postgres holds of an open PO: what its workflow last recorded from the distributor's reports. */
export interface RecordedPo {
  status: PoStatus;
  /** Each recorded package's lines, by tracking number. */
  packages: Map<string, SkuQuantity[]>;
  cancelled: SkuQuantity[];
  backordered: SkuQuantity[];
}

/**
 * Whether the distributor's report is news for the PO: the comparison the per-PO poll makes with what
 * its workflow knows (status, packages, package contents, cancelled and backordered quantities), made
 * here against what the workflow recorded. A PO waiting on a blocked account (needs_attention) is news
 * as soon as it is listed: the account answers again.
 */
export function reportIsNews(report: DistributorReport, recorded: RecordedPo): boolean {
  if (report.status !== recorded.status) return true;
  for (const shipment of report.shipments) {
    const held = recorded.packages.get(shipment.trackingNumber);
    if (!held) return true;
    if (shipment.lines.length > 0 && !sameContents(shipment.lines, held)) return true;
  }
  return reportsKey(report) !== reportsKey({ cancelled: nonZero(recorded.cancelled), backordered: nonZero(recorded.backordered) });
}

const nonZero = (lines: SkuQuantity[]) => lines.filter((line) => line.quantity > 0);

/** "YYYY-MM-DD" of an instant, `days` later (earlier when negative), in UTC. */
export function calendarDay(at: Date, days = 0): string {
  return new Date(at.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Which distributors' POs are tracked by listing, and how often such a PO checks on itself when the listing missed it. */
export interface ListingSettings {
  distributors: DistributorId[];
  safetyCheckMs: number;
}

/** How a new PO of `distributor` is tracked, as its workflow input says it. */
export function poTracking(
  listing: ListingSettings | undefined,
  distributor: DistributorId,
): { tracking: 'listing'; safetyCheckMs: number } | { tracking?: never; safetyCheckMs?: never } {
  return listing?.distributors.includes(distributor) ? { tracking: 'listing', safetyCheckMs: listing.safetyCheckMs } : {};
}

/** What an account's refused listing is raised under: one open exception per account, whatever the run. */
export function listingRefusalCause(dealerId: string, distributor: string): string {
  return `tracking-listing:${dealerId}:${distributor}`;
}
