import { contentsKey } from './shipped-quantities.js';

/** Lifecycle of a purchase order as Dropline tracks it. */
export const PO_STATUSES = [
  'pending',
  'submitted',
  'accepted',
  'backordered',
  'partially_shipped',
  'shipped',
  'cancelled',
  /** The distributor cannot be asked about a placed PO (e.g. the account's credentials stopped working); tracking resumes by itself once it can. */
  'needs_attention',
  /** Verified not placed: a final lookup by PO number found nothing. */
  'failed',
  /** Placement could not be verified either way; the dealer must check with the distributor. */
  'unknown',
  'given_up',
] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

/** Statuses after which nothing more happens to the PO. */
export const FINAL_PO_STATUSES: ReadonlySet<PoStatus> = new Set(['shipped', 'cancelled', 'failed', 'unknown', 'given_up']);

export interface ShipmentReport {
  carrier: string;
  trackingNumber: string;
  shipMethod?: string | undefined;
  /**
   * The day the distributor says the package shipped, a CalendarDate ("2025-01-03"): distributors give
   * no time of day. (Named `shippedAt` because recorded workflow histories carry it under that name.)
   */
  shippedAt?: string | undefined;
  lines: Array<{ distributorSku: string; quantity: number }>;
}

/** What changed at the distributor since the workflow last looked. */
export interface PoChange {
  status: PoStatus;
  newShipments: ShipmentReport[];
  /**
   * Packages already recorded whose lines the distributor reports differently now (a tracking number
   * listed before its contents were). Record them again; the buyer was told about them already.
   * Absent in changes recorded before it existed.
   */
  updatedShipments?: ShipmentReport[] | undefined;
  backordered: Array<{ distributorSku: string; quantity: number }>;
  cancelled: Array<{ distributorSku: string; quantity: number }>;
}

/**
 * What a failed submission attempt knows for sure, carried in its failure's details so the workflow
 * says "not placed" only when it is known: `verifiedAbsentAt` when this attempt's own lookup found no
 * such PO and nothing was sent after it; `nothingSent` when no attempt ever sent the order.
 */
export interface SubmissionFacts {
  verifiedAbsentAt: string | null;
  nothingSent: boolean;
}

/** A final lookup by PO number: there (and now recorded as submitted), or verifiably not. */
export type PlacementCheck = { placed: true } | { placed: false; checkedAt: string };

/** The distributor refused to talk about a placed PO (credentials, account); tracking waits for it to be fixed. */
export interface TrackingBlocked {
  blocked: string;
}

/** The distributor's cancelled and backordered quantities as one comparable value. */
export function reportsKey(change: Pick<PoChange, 'cancelled' | 'backordered'>): string {
  return `cancelled:${contentsKey(change.cancelled)};backordered:${contentsKey(change.backordered)}`;
}

/** What a distributor reports of one PO (a DistributorPurchaseOrder without its order numbers), as a listing or a lookup read it. */
export interface DistributorReport {
  poNumber: string;
  status: Extract<PoStatus, 'accepted' | 'backordered' | 'partially_shipped' | 'shipped' | 'cancelled'>;
  shipments: ShipmentReport[];
  cancelled: Array<{ distributorSku: string; quantity: number }>;
  backordered: Array<{ distributorSku: string; quantity: number }>;
}

/**
 * The account's tracking poller tells a PO what its distributor now reports, when that differs from
 * what Postgres holds. `listedAt` (ISO 8601) orders the reports: one listed before what the PO has
 * already taken in is stale and ignored.
 */
export interface ListedReport {
  report: DistributorReport;
  listedAt: string;
}
