import { z } from 'zod';
import { addressSchema, optionalText, text } from './common.js';

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

export const listOrdersQuery = z.object({
  status: z.enum(['open', 'awaiting_payment', 'dropshipping', 'partially_shipped', 'shipped', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
