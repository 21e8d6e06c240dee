import type { Address } from '../domain/address.js';
import type { DistributorId } from '../domain/distributors.js';

/**
 * The connector interface: what a contributor implements to add a distributor.
 *
 * A connector speaks one distributor's real HTTP contract for one dealer account. It knows nothing
 * about Temporal or the database; it throws DistributorError so callers can tell retryable from
 * permanent failures. Every method must be safe to call again after a timeout.
 */
export interface DistributorConnector {
  readonly distributor: DistributorId;
  readonly capabilities: ConnectorCapabilities;
  /** Looks a PO up by our PO number. Returns null when the distributor has no such PO. */
  findPurchaseOrder(poNumber: string, limits?: CallLimits): Promise<DistributorPurchaseOrder | null>;
  /**
   * Places the PO. Callers look the PO up first; implementations must also tolerate leftovers of an
   * earlier interrupted attempt (e.g. a WPS cart that was created but never submitted), and answer a
   * refusal that means "this PO already exists" with the order that exists.
   */
  submitPurchaseOrder(request: PurchaseOrderRequest, limits?: CallLimits): Promise<SubmittedPurchaseOrder>;
  /** Live stock for distributor SKUs, when capabilities.liveStock is true. */
  checkStock?(skus: string[], limits?: CallLimits): Promise<LiveStock[]>;
  /**
   * Asks the distributor to cancel what has not shipped, when capabilities.cancel is true. Resolves
   * once the request is taken; the next findPurchaseOrder shows what was cancelled.
   */
  cancelPurchaseOrder?(poNumber: string, limits?: CallLimits): Promise<void>;
  /**
   * Lists the POs ordered between two calendar days ("YYYY-MM-DD", both inclusive, in the
   * distributor's own calendar), one page at a time, when capabilities.listOrders is true. `page` is
   * the `nextPage` of the page before (absent for the first); `nextPage` is null on the last page.
   */
  listPurchaseOrders?(
    query: { from: string; to: string; page?: string | undefined },
    limits?: CallLimits,
  ): Promise<{ orders: DistributorPurchaseOrder[]; nextPage: string | null }>;
  /** Verifies the stored credentials with a cheap authenticated call. */
  testConnection(limits?: CallLimits): Promise<void>;
}

/**
 * What bounds a connector method's HTTP calls beyond each call's own timeout, set by whoever runs it
 * (an activity attempt). A method that makes several calls passes the same limits to every one.
 */
export interface CallLimits {
  /** Aborts the call in flight and refuses the next ones, e.g. when the activity is cancelled. */
  signal?: AbortSignal | undefined;
  /**
   * No call may still be running after this instant (epoch ms): a call whose timeout would end past
   * it is not started, and the method fails as `transient` so the next attempt carries on.
   */
  deadline?: number | undefined;
  /** Caps each call's own timeout, for an attempt too short to give calls their usual timeout. */
  callTimeoutMs?: number | undefined;
  /** Told after every call the distributor answered (the activity heartbeats on it). */
  onAnswer?: (() => void) | undefined;
}

export interface ConnectorCapabilities {
  liveStock: boolean;
  cancel: boolean;
  /** The distributor lists POs by order date (listPurchaseOrders), so one poller per account can track them all. */
  listOrders: boolean;
}

export interface PurchaseOrderRequest {
  poNumber: string;
  shipTo: Address;
  shipMethod: string;
  buyerEmail?: string | undefined;
  comment?: string | undefined;
  lines: Array<{ distributorSku: string; quantity: number }>;
}

export interface SubmittedPurchaseOrder {
  poNumber: string;
  /** The distributor's own order number(s). */
  distributorOrderRefs: string[];
  /** A short, secret-free summary of what was sent and received, for the audit trail. */
  summary: Record<string, unknown>;
}

export type DistributorPoStatus = 'accepted' | 'backordered' | 'partially_shipped' | 'shipped' | 'cancelled';

export interface DistributorShipment {
  carrier: string;
  trackingNumber: string;
  shipMethod?: string | undefined;
  /** The day it shipped as "YYYY-MM-DD" (a CalendarDate): distributors give a date without a time of day. */
  shippedAt?: string | undefined;
  lines: Array<{ distributorSku: string; quantity: number }>;
}

export interface DistributorPurchaseOrder {
  poNumber: string;
  distributorOrderRefs: string[];
  status: DistributorPoStatus;
  shipments: DistributorShipment[];
  /** Per-SKU quantities the distributor reports as cancelled or backordered. */
  cancelled: Array<{ distributorSku: string; quantity: number }>;
  backordered: Array<{ distributorSku: string; quantity: number }>;
}

export interface LiveStock {
  distributorSku: string;
  warehouses: Array<{ warehouse: string; quantity: number }>;
}

export const DISTRIBUTOR_ERROR_KINDS = ['auth', 'not_ready', 'unknown_item', 'rejected', 'rate_limited', 'transient', 'malformed'] as const;
export type DistributorErrorKind = (typeof DISTRIBUTOR_ERROR_KINDS)[number];

const RETRYABLE: Record<DistributorErrorKind, boolean> = {
  auth: false,
  not_ready: false,
  unknown_item: false,
  rejected: false,
  rate_limited: true,
  transient: true,
  malformed: true,
};

/** A distributor call failed. `retryable` tells whether the same call may succeed later. */
export class DistributorError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: DistributorErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DistributorError';
    this.retryable = RETRYABLE[kind];
  }
}
