import { carrierFromName } from './carrier-names.js';
import { carrierFromTrackingNumber } from './carriers.js';
import type { DistributorPoStatus } from './types.js';

/**
 * Reading a distributor's order answer into ours, where distributors differ only in field names:
 * each mapping renames its fields and calls these.
 */

/** One PO line's quantities as the distributor reports them. */
export interface LineQuantities {
  ordered: number;
  cancelled: number;
  shipped: number;
  backordered: number;
}

/** Read from quantities, so an order with some lines cancelled is shipped once the rest went out. */
export function statusFromQuantities(lines: readonly LineQuantities[]): DistributorPoStatus {
  const unfilled = (line: LineQuantities) => line.ordered - line.cancelled;
  const live = lines.filter((line) => unfilled(line) > 0);
  if (lines.length > 0 && live.length === 0) return 'cancelled';
  if (live.length > 0 && live.every((line) => line.shipped >= unfilled(line))) return 'shipped';
  if (lines.some((line) => line.shipped > 0)) return 'partially_shipped';
  if (lines.some((line) => line.backordered > 0)) return 'backordered';
  return 'accepted';
}

/**
 * The carrier the distributor names wins; without one we know, the number's format decides, then the
 * distributor's own word (all there is for a truck line).
 */
export function carrierOf(trackingNumber: string, named: string | null | undefined): string {
  const name = named?.trim() ?? '';
  return carrierFromName(name) ?? carrierFromTrackingNumber(trackingNumber) ?? (name || 'Other');
}

/** YYYY-MM-DD from "YYYYMMDD" or an ISO date/time; anything else is not passed on. */
export function isoDate(value: string | null | undefined): string | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value ?? '');
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
