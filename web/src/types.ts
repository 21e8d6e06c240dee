import type { DistributorId } from '../../domain/distributors';
import type { LinePlan } from '../../domain/dropship-plan';

// Shapes of the /v1 responses the UI reads (see /docs/json). Dates arrive as ISO strings.

// Routing's own types travel as they are; the UI may import server types, never server code.
export type { DistributorId } from '../../domain/distributors';
export type { CandidateAssessment, LinePlan, Reason } from '../../domain/dropship-plan';

export const DISTRIBUTORS = ['wps', 'parts_unlimited', 'tucker_rocky', 'automatic'] as const satisfies readonly DistributorId[];

export const DISTRIBUTOR_NAMES: Record<DistributorId, string> = {
  wps: 'Western Power Sports',
  parts_unlimited: 'Parts Unlimited',
  tucker_rocky: 'Tucker Rocky',
  automatic: 'Automatic Distributors',
};

export const CHANNELS = ['website', 'shopify', 'ebay', 'amazon'] as const;
export const ORDER_STATUSES = ['open', 'awaiting_payment', 'dropshipping', 'partially_shipped', 'shipped', 'cancelled'] as const;

export interface Address {
  name: string;
  company?: string;
  line1: string;
  line2?: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone?: string;
}

export interface OrderLine {
  id: string;
  lineNumber: number;
  dealerSku: string;
  title: string | null;
  quantity: number;
  unitPriceCents: number;
  /** How the latest drop-ship judged the line; null before any drop-ship routed it. */
  eligibility: Pick<LinePlan, 'status' | 'reasons' | 'chosen' | 'why' | 'candidates'> | null;
}

export interface Order {
  id: string;
  channel: string;
  channelOrderId: string;
  buyerName: string;
  buyerEmail: string | null;
  shipTo: Address;
  shippingRateName: string;
  status: string;
  placedAt: string;
  createdAt: string;
}

export interface DropshipPlan {
  lines: LinePlan[];
  purchaseOrders: Array<{ distributor: DistributorId; shipMethod: string; lines: Array<{ lineId: string; dealerSku: string; distributorSku: string; quantity: number }> }>;
}

export interface DropshipRow {
  id: string;
  sequence: number;
  poBase: string;
  mode: string;
  status: string;
  plan: DropshipPlan | null;
  createdAt: string;
}

export interface DropshipState {
  id: string;
  workflowId: string;
  phase: string;
  mode: string;
  plan: DropshipPlan | null;
  purchaseOrders: Array<{ distributor: DistributorId; poNumber: string }>;
  problem: string | null;
}

export interface Shipment {
  id: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  shipMethod: string | null;
  shippedAt: string | null;
  lines: Array<{ distributorSku: string; quantity: number }>;
}

export interface PurchaseOrder {
  id: string;
  orderId: string;
  dropshipId: string;
  distributor: DistributorId;
  poNumber: string;
  status: string;
  shipMethod: string;
  failureReason: string | null;
  submittedAt: string | null;
  createdAt: string;
  lines: Array<{ id: string; dealerSku: string; distributorSku: string; quantity: number; shippedQty: number }>;
  shipments: Shipment[];
}

export interface PurchaseOrderDetail extends PurchaseOrder {
  statusHistory: Array<{ status: string; at: string; summary: string; actorType: string; actorId: string | null }>;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorType: string;
  actorId: string | null;
  type: string;
  summary: string;
  poNumber: string | null;
}

export interface OrderDetail extends Order {
  lines: OrderLine[];
  dropships: DropshipRow[];
  purchaseOrders: PurchaseOrder[];
  auditTrail: AuditEvent[];
}

export interface InboxEntry {
  id: string;
  kind: string;
  title: string;
  message: string;
  status: string;
  order: { id: string; channel: string; channelOrderId: string } | null;
  poNumber: string | null;
  raisedAt: string;
}

export interface DistributorAccount {
  distributor: DistributorId;
  name: string;
  credentialFields: string[];
  configured: boolean;
  credentialsSavedAt: string | null;
  taxIdOnFile: boolean;
  creditCardOnFile: boolean;
}

export interface DealerSettings {
  autoProcessing: boolean;
  distributorPreference: DistributorId[];
  dropshipCutoff: number;
  stockBuffer: number;
  notificationEmail: string | null;
  emailFrom: string | null;
  emailReplyTo: string | null;
  poPrefix: string;
  timeZone: string;
}

export interface Warehouse {
  distributor: DistributorId;
  code: string;
  name: string;
  leadTimeDays: number;
}

export interface ShippingMapping {
  channel: string;
  rateName: string;
  methods: Partial<Record<DistributorId, string>>;
}

export type ShipMethodCatalog = Record<DistributorId, { name: string; codes: string[]; published: boolean }>;
