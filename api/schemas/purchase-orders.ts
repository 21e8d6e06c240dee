import { z } from 'zod';
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
    shippedAt: z.string().nullable(),
    createdAt: z.string(),
    lines: z.array(z.strictObject({ distributorSku: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'Shipment', description: 'One package the distributor shipped' });

const purchaseOrderFields = {
  id: z.uuid(),
  dealerId: z.string(),
  orderId: z.uuid(),
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
    }),
  ),
  shipments: z.array(shipment),
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
