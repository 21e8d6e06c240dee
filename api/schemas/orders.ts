import { z } from 'zod';
import { CHANNELS } from '../../domain/channels.js';
import { addressSchema, distributorSchema, optionalText, text, timestamp } from './common.js';
import { routingPreviewSchema } from './routing-preview.js';
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

export const ORDER_SORTS = ['newest', 'ship_by'] as const;

/** A date (the start of that UTC day, or its end with `endOfDay`) or a date-time with its offset. */
export const instant = (label: string, endOfDay: boolean) =>
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
      .describe('true: orders that need the dealer (the routing preview says resolve, or something is open in the exception inbox); false: the others'),
    q: z
      .string({ error: 'Search must be text' })
      .trim()
      .max(100, 'Search must be at most 100 characters')
      .optional()
      .transform((v) => v || undefined)
      .describe('Any part of the order number, the buyer’s name or email, or a SKU, in any case'),
    distributor: distributorSchema.optional().describe('Orders with a PO placed with this distributor, or that a drop-ship would now route to it'),
    channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(', ')}` }).optional(),
    from: instant('from', false).optional().describe('Orders created at or after this (a date means the start of that day, UTC)'),
    to: instant('to', true).optional().describe('Orders created before this (a date means up to the end of that day, UTC)'),
    sort: z
      .enum(ORDER_SORTS, { error: `sort must be one of ${ORDER_SORTS.join(', ')}` })
      .default('newest')
      .describe('newest: newest first (the default); ship_by: the soonest ship-by date first, orders without one last'),
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
  shipBy: timestamp
    .nullable()
    .describe('When the order must have shipped: the channel’s ship-by date (eBay, Amazon) or the dealer’s handling time (website, Shopify)'),
  shipByAlert: z
    .enum(['due_soon', 'overdue'])
    .nullable()
    .describe('For an order not shipped or cancelled: due_soon when its ship-by date is within 24 hours, overdue once it has passed; otherwise null'),
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const orderSchema = z.strictObject(orderFields).meta({ id: 'Order', description: 'An order as the channel sent it' });

export const dashboardOrderSchema = z
  .strictObject({
    ...orderFields,
    items: z.array(z.strictObject({ dealerSku: z.string(), title: z.string().nullable(), quantity: z.number().int() })),
    totalCents: z.number().int().describe('The sum of the lines, quantity times unit price'),
    preview: routingPreviewSchema,
    placedWith: z.array(z.string()).describe('Distributors holding a PO of the order that is not failed or cancelled'),
    attention: z.string().nullable().describe('The oldest open exception of the order, in words; null when none'),
  })
  .meta({ id: 'DashboardOrder', description: 'An order as the dashboard lists it: buyer, items, total, and whether it is ready or what to resolve' });

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
    rerouteOf: z.string().nullable().describe('Set on a re-route: the PO whose refused, cancelled or backordered lines this drop-ship moves'),
    excludedDistributors: z.array(z.strictObject({ distributor: z.string(), reason: z.string() })).describe('Distributors a re-route does not use, with why'),
    maxCostPercent: z.number().int().nullable().describe("An automatic failover's cost ceiling, as a share of the sale price"),
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
