import type { AddressProblem } from './address.js';
import type { DistributorId } from './distributors.js';

/**
 * The facts a drop-ship decision is made from. Loaded by an activity from Postgres and recorded in
 * workflow history, so every routing decision can be explained later with the data it used.
 * Carries no buyer PII: the ship-to address is reduced to its problems.
 */
export interface DropshipFacts {
  dealerId: string;
  orderId: string;
  channel: string;
  /** Lines priced below this (per unit, in cents) are not worth drop-shipping. */
  dropshipCutoffCents: number;
  /**
   * Units of each distributor item not counted as in stock, as a margin against stale feeds. Absent in
   * facts recorded before the setting existed, which replay as no buffer.
   */
  stockBuffer?: number | undefined;
  /** The dealer's distributor preference, most preferred first. Distributors not listed rank last. */
  preference: DistributorId[];
  accounts: DistributorAccountFacts[];
  shipToProblems: AddressProblem[];
  shippingRateName: string;
  /** The channel's shipping rate mapped to each distributor's method code; missing = unmapped. */
  shippingMethods: Partial<Record<DistributorId, string>>;
  lines: LineFacts[];
  /** A re-route's distributors that refused, cancelled or backordered the lines, with why; absent in older facts. */
  excluded?: ExcludedDistributor[] | undefined;
  /** An automatic failover's cost ceiling, as a share of each line's unit price; absent otherwise. */
  maxCostPercent?: number | undefined;
}

export interface ExcludedDistributor {
  distributor: DistributorId;
  reason: string;
}

export interface DistributorAccountFacts {
  distributor: DistributorId;
  credentialsPresent: boolean;
  /** WPS will not drop-ship for an account without a Tax ID. */
  taxIdOnFile: boolean;
  /** Tucker Rocky will not drop-ship for an account without a credit card on file. */
  creditCardOnFile: boolean;
}

export interface WarehouseStock {
  warehouse: string;
  quantity: number;
  leadTimeDays: number;
}

/** One distributor item that carries the dealer's SKU. */
export interface CandidateItem {
  distributor: DistributorId;
  distributorSku: string;
  costCents: number;
  stock: WarehouseStock[];
  /** Set when the item is not mapped to the dealer SKU but is the same part as one that is. */
  samePartAs?: SamePart | undefined;
}

export interface SamePart {
  brand: string;
  manufacturerPartNumber: string;
}

export interface LineFacts {
  lineId: string;
  dealerSku: string;
  quantity: number;
  /** Units of this line already placed on a distributor PO by an earlier drop-ship. */
  alreadyDropshippedQty: number;
  unitPriceCents: number;
  candidates: CandidateItem[];
}

export const REASON_CODES = [
  'already_dropshipped',
  'not_carried',
  'no_account',
  'no_tax_id',
  'no_credit_card',
  'out_of_stock',
  'lead_time_too_long',
  'insufficient_stock',
  'below_cutoff',
  'ship_to_incomplete',
  'shipping_rate_unmapped',
  'distributor_excluded',
  'above_cost_ceiling',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Why a line can't go through a distributor, in words a dealer can act on. */
export interface Reason {
  code: ReasonCode;
  message: string;
}

/** One candidate distributor for a line, judged against every rule. */
export interface CandidateAssessment {
  distributor: DistributorId;
  distributorSku: string;
  costCents: number;
  /** Units in stock at warehouses with a lead time of at most one day, less the dealer's stock buffer. */
  availableQty: number;
  /** Shortest lead time among warehouses holding stock; null when nothing is in stock. */
  leadTimeDays: number | null;
  shipMethod: string | null;
  eligible: boolean;
  reasons: Reason[];
  samePartAs?: SamePart | undefined;
}

export type LinePlanStatus = 'routed' | 'needs_resolution' | 'already_dropshipped';

export interface LinePlan {
  lineId: string;
  dealerSku: string;
  /** Units still to drop-ship (ordered minus already drop-shipped). */
  quantity: number;
  status: LinePlanStatus;
  /** The chosen distributor when routed. */
  chosen: CandidateAssessment | null;
  /** Why the choice was made, e.g. "preferred distributor", "lowest cost among equally preferred". */
  why: string[];
  /** Every candidate, eligible or not, ranked best first (eligible before ineligible). */
  candidates: CandidateAssessment[];
  /** Line-level reasons when not routed (union of the candidates' reasons, or not carried). */
  reasons: Reason[];
}

export interface ProposedPurchaseOrder {
  distributor: DistributorId;
  shipMethod: string;
  lines: Array<{ lineId: string; dealerSku: string; distributorSku: string; quantity: number }>;
}

export interface DropshipPlan {
  lines: LinePlan[];
  /** One proposed PO per distributor with routed lines, in the dealer's preference order. */
  purchaseOrders: ProposedPurchaseOrder[];
}

/** Lead times above this are not drop-shippable. */
export const MAX_DROPSHIP_LEAD_TIME_DAYS = 1;
