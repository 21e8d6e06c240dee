import type { components, paths } from './api-types';

// The /v1 answers the UI reads, by the names the API contract gives them (web/src/api-types.ts is
// generated from openapi.json by `npm run openapi`). Nothing here is written by hand but the UI's own lists.

type Schemas = components['schemas'];

/** The JSON body an operation answers with, e.g. Answer<'/v1/orders', 'get'> or Answer<'/v1/api-keys', 'post', 201>. */
export type Answer<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends { responses: infer R }
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never
  : never;

export type Accepted = Schemas['Accepted'];
export type Address = Schemas['Address'];
export type CandidateAssessment = Schemas['CandidateAssessment'];
export type DashboardOrder = Schemas['DashboardOrder'];
export type DealerSettings = Schemas['DealerSettings'];
export type Distributor = Schemas['Distributor'];
export type DistributorAccount = Schemas['DistributorAccount'];
export type DistributorId = Distributor['id'];
export type DropshipPlan = Schemas['DropshipPlan'];
export type DropshipState = Schemas['DropshipState'];
export type InboxEntry = Schemas['InboxEntry'];
export type Order = Schemas['Order'];
export type OrderDetail = Schemas['OrderDetail'];
export type PurchaseOrder = Schemas['PurchaseOrder'];
export type PurchaseOrderDetail = Schemas['PurchaseOrderDetail'];
export type ShippingMapping = Schemas['ShippingMapping'];
export type Warehouse = Schemas['Warehouse'];

type OrdersQuery = NonNullable<paths['/v1/orders']['get']['parameters']['query']>;

/** The order list's filters, in the order the UI offers them; the compiler checks each against the API's. */
export const ORDER_STATUSES = ['open', 'awaiting_payment', 'dropshipping', 'partially_shipped', 'shipped', 'cancelled'] as const satisfies ReadonlyArray<
  NonNullable<OrdersQuery['status']>
>;
type ExceptionsQuery = NonNullable<paths['/v1/exceptions']['get']['parameters']['query']>;
export type ExceptionKind = InboxEntry['kind'];
export type ExceptionAction = InboxEntry['actions'][number];

/** What the inbox can show. */
export const EXCEPTION_VIEWS = ['open', 'resolved', 'all'] as const satisfies ReadonlyArray<NonNullable<ExceptionsQuery['status']>>;
export const CHANNELS = ['website', 'shopify', 'ebay', 'amazon'] as const satisfies ReadonlyArray<NonNullable<OrdersQuery['channel']>>;

type PurchaseOrdersQuery = NonNullable<paths['/v1/purchase-orders']['get']['parameters']['query']>;
/** Every PO status, as the PO search offers them. */
export const PO_STATUSES = [
  'pending',
  'submitted',
  'accepted',
  'backordered',
  'partially_shipped',
  'shipped',
  'cancelled',
  'needs_attention',
  'failed',
  'unknown',
  'given_up',
] as const satisfies ReadonlyArray<NonNullable<PurchaseOrdersQuery['status']>>;
