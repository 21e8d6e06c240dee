import { z } from 'zod';
import { CHANNELS } from '../../domain/channels.js';
import { addressSchema, optionalText, text, timestamp } from './common.js';
import { cursorParam } from './cursor.js';
import { dropshipPlanSchema, linePlanSchema } from './dropships.js';
import { purchaseOrderSchema } from './purchase-orders.js';

export const orderLineInput = z.object({
  sku: text('SKU', 64),
  title: optionalText('Title', 200),
  quantity: z
    .number({ error: 'Quantity must be a number' })
    .int('Quantity must be a whole number')
    .min(1, 'Quantity must be at least 1')
    .max(10_000, 'Quantity must be at most 10000'),
  unitPrice: z
    .number({ error: 'Unit price must be a number in dollars, e.g. 89.95' })
    .min(0, 'Unit price cannot be negative')
    .max(1_000_000, 'Unit price is too large')
    .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'Unit price can have at most two decimals'),
});

export const createOrderBody = z.object({
  channelOrderId: text('Order number', 64),
  buyer: z.object(
    {
      name: text('Buyer name', 100),
      email: z.email({ error: 'Buyer email must be a valid email address' }).optional(),
      phone: optionalText('Buyer phone', 30),
    },
    { error: 'Buyer is required' },
  ),
  shipTo: addressSchema,
  shippingRateName: text('Shipping rate', 100),
  lines: z.array(orderLineInput, { error: 'Lines are required' }).min(1, 'An order needs at least one line').max(200, 'An order can have at most 200 lines'),
});
export type CreateOrderBody = z.infer<typeof createOrderBody>;

export const ORDER_STATUSES = ['open', 'awaiting_payment', 'dropshipping', 'partially_shipped', 'shipped', 'cancelled'] as const;

/** A date (the start of that UTC day, or its end with `endOfDay`) or a date-time with its offset. */
const instant = (label: string, endOfDay: boolean) =>
  z.string({ error: `${label} must be a date` }).transform((value, ctx) => {
    if (z.iso.date().safeParse(value).success) {
      const start = new Date(`${value}T00:00:00Z`);
      return endOfDay ? new Date(start.getTime() + 86_400_000) : start;
    }
    if (z.iso.datetime({ offset: true }).safeParse(value).success) return new Date(value);
    ctx.addIssue({ code: 'custom', message: `${label} must be a date such as 2026-11-01 or a time such as 2026-11-01T08:00:00Z` });
    return z.NEVER;
  });

export const listOrdersQuery = z
  .object({
    status: z.enum(ORDER_STATUSES, { error: `status must be one of ${ORDER_STATUSES.join(', ')}` }).optional(),
    needsResolution: z
      .enum(['true', 'false'], { error: 'needsResolution must be true or false' })
      .transform((v) => v === 'true')
      .optional()
      .describe('true: orders with something open in the exception inbox; false: orders with nothing open there'),
    channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(', ')}` }).optional(),
    from: instant('from', false).optional().describe('Orders created at or after this (a date means the start of that day, UTC)'),
    to: instant('to', true).optional().describe('Orders created before this (a date means up to the end of that day, UTC)'),
    cursor: cursorParam,
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(200, 'limit must be at most 200')
      .default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['to'] });

// Answers. Strict: a field a handler returns that the contract does not name is a 500 in tests, not a silent loss.

export const addressOut = z
  .strictObject({
    name: z.string(),
    company: z.string().optional(),
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    region: z.string(),
    postalCode: z.string(),
    country: z.string(),
    phone: z.string().optional(),
  })
  .meta({ id: 'Address' });

const orderFields = {
  id: z.uuid(),
  dealerId: z.string(),
  channel: z.string().describe(CHANNELS.join(', ')),
  channelOrderId: z.string(),
  buyerName: z.string(),
  buyerEmail: z.string().nullable(),
  buyerPhone: z.string().nullable(),
  shipTo: addressOut,
  shippingRateName: z.string(),
  status: z.string().describe(ORDER_STATUSES.join(', ')),
  placedAt: timestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const orderSchema = z.strictObject(orderFields).meta({ id: 'Order', description: 'An order as the channel sent it' });

const orderLineFields = {
  id: z.uuid(),
  orderId: z.uuid(),
  lineNumber: z.number().int(),
  channelLineId: z.string().nullable(),
  dealerSku: z.string(),
  title: z.string().nullable(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
};

export const orderWithLinesSchema = z
  .strictObject({ ...orderFields, lines: z.array(z.strictObject(orderLineFields)) })
  .meta({ id: 'OrderWithLines', description: 'An order and its lines' });

const auditEvent = z
  .strictObject({
    id: z.number().int(),
    dealerId: z.string(),
    orderId: z.uuid().nullable(),
    poNumber: z.string().nullable(),
    at: timestamp,
    actorType: z.string(),
    actorId: z.string().nullable(),
    type: z.string(),
    summary: z.string(),
    details: z.record(z.string(), z.unknown()),
    dedupeKey: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent', description: 'One entry of the audit trail: who did what, when' });

const orderDropship = z
  .strictObject({
    id: z.uuid(),
    dealerId: z.string(),
    orderId: z.uuid(),
    sequence: z.number().int(),
    workflowId: z.string(),
    poBase: z.string(),
    mode: z.string(),
    status: z.string(),
    plan: dropshipPlanSchema.nullable(),
    shipTo: addressOut.nullable(),
    rerouteOf: z.string().nullable().describe('The PO whose refused, cancelled or backordered lines this drop-ship routes again'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'OrderDropship', description: 'One drop-ship of an order, as last recorded' });

export const orderDetailSchema = z
  .strictObject({
    ...orderFields,
    lines: z.array(
      z.strictObject({
        ...orderLineFields,
        eligibility: linePlanSchema
          .pick({ status: true, reasons: true, chosen: true, why: true, candidates: true })
          .nullable()
          .describe('How the latest drop-ship judged the line; null before any routing'),
      }),
    ),
    dropships: z.array(orderDropship),
    purchaseOrders: z.array(purchaseOrderSchema),
    auditTrail: z.array(auditEvent),
  })
  .meta({ id: 'OrderDetail', description: 'An order with everything known about it' });
