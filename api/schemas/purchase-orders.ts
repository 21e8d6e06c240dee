import { z } from 'zod';
import { LINE_CANCEL_STATES } from '../../domain/cancellation.js';
import { PO_STATUSES } from '../../domain/purchase-order.js';
import { timestamp } from './common.js';

// Answers. Strict: a field a handler returns that the contract does not name is a 500 in tests, not a silent loss.

const shipment = z
  .strictObject({
    id: z.uuid(),
    poId: z.uuid(),
    carrier: z.string(),
    trackingNumber: z.string(),
    trackingUrl: z.string().nullable().describe("The carrier's tracking page, when Dropline knows the carrier"),
    shipMethod: z.string().nullable(),
    shippedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .describe(
        'The day the distributor says the package shipped, as YYYY-MM-DD: a calendar date, not an instant (distributors give no time of day), so show it as that day in every time zone',
      ),
    createdAt: z.string(),
    lines: z.array(z.strictObject({ distributorSku: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'Shipment', description: 'One package the distributor shipped' });

const purchaseOrderFields = {
  id: z.uuid(),
  dealerId: z.string(),
  orderId: z.uuid(),
  orderNumber: z.string().describe("The channel's order number"),
  dropshipId: z.uuid(),
  distributor: z.string().describe('A distributor id'),
  poNumber: z.string(),
  workflowId: z.string(),
  status: z.string().describe(PO_STATUSES.join(', ')),
  shipMethod: z.string(),
  distributorOrderRefs: z.array(z.string()),
  failureReason: z.string().nullable(),
  submittedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  lines: z.array(
    z.strictObject({
      poId: z.uuid(),
      orderLineId: z.uuid(),
      dealerSku: z.string(),
      distributorSku: z.string(),
      quantity: z.number().int(),
      shippedQty: z.number().int(),
      cancelledQty: z.number().int(),
      backorderedQty: z.number().int().describe('Units the distributor reports backordered'),
      reroutedQty: z.number().int().describe('Units moved to another distributor by a re-route'),
      cancelState: z.enum(LINE_CANCEL_STATES).nullable().describe('Where the request to cancel this line stands; null when none was made'),
    }),
  ),
  shipments: z.array(shipment),
  reroutedFrom: z.string().nullable().describe('The PO whose lines this one re-routes'),
  reroutedTo: z.array(z.string()).describe('POs that took over lines of this one'),
  cancellation: z
    .strictObject({
      requestedAt: z.string(),
      requestedBy: z.string(),
      reason: z.string().nullable(),
      via: z.enum(['api', 'task']).nullable().describe("api: the distributor's cancel API; task: the dealer asks the distributor"),
      note: z.string().nullable().describe('What the distributor answered, or what the dealer must do'),
    })
    .nullable()
    .describe('The request to cancel what has not shipped, once made'),
  actions: z.array(z.enum(['retry', 'reroute', 'request_cancellation'])).describe('What the dealer can do to this PO now'),
};

export const purchaseOrderSchema = z
  .strictObject(purchaseOrderFields)
  .meta({ id: 'PurchaseOrder', description: 'A purchase order with its lines and packages' });

export const purchaseOrderDetailSchema = z
  .strictObject({
    ...purchaseOrderFields,
    statusHistory: z.array(z.strictObject({ status: z.string(), at: timestamp, summary: z.string(), actorType: z.string(), actorId: z.string().nullable() })),
  })
  .meta({ id: 'PurchaseOrderDetail', description: 'A purchase order with its status history' });

// Requests.

export const rerouteBody = z
  .strictObject({
    mode: z
      .enum(['manual', 'auto'], { error: 'mode must be manual or auto' })
      .optional()
      .describe('manual (default): you confirm the proposed POs; auto: placed at once'),
  })
  .nullish();

/** Optional: a POST without a body reaches the route as null, which asks with no reason. */
export const cancellationBody = z
  .strictObject({ reason: z.string().trim().min(1).max(500, { error: 'reason must be at most 500 characters' }).optional() })
  .nullish();
