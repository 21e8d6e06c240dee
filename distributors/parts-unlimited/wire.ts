import { z } from 'zod';

/**
 * The parts of Parts Unlimited responses the connector reads. Public code compares `status_code`
 * both as a string and as a number, so numbers are accepted either way, and null stands for an
 * empty list.
 */

const text = z.union([z.string(), z.number()]).transform(String);
const count = z.union([z.number().int().min(0), z.string().regex(/^\d+$/).transform(Number)]);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);

/**
 * What every PU body may carry besides its data. A business failure can come back as HTTP 200 with
 * a failing `status_code` or `mainframeErrors`; auth and gateway errors carry `message`.
 */
export const envelope = z.object({
  status_code: count.optional(),
  status_message: z.string().nullish(),
  message: z.string().optional(),
  mainframeErrors: list(z.object({ text: z.string() })),
});
export type PuEnvelope = z.infer<typeof envelope>;

/** POST /v2/orders/dropship, once the envelope says it succeeded. */
export const createdOrder = z.object({
  status_code: count,
  status_message: z.string().nullish(),
  reference_number: text,
  order_total: z.union([z.number(), z.string()]).nullish(),
  line_items: list(z.object({ part_number: text, ordered: z.object({ quantity: count }).nullish() })),
});
export type PuCreatedOrder = z.infer<typeof createdOrder>;

/**
 * GET /v2/orders/dropship. The list endpoint exists in public code, but nothing public parses its
 * orders, so this shape is our assumption; the sandbox serves it. The per-part quantities are read
 * instead of the order's `status`, which says the same thing less precisely.
 */
const quantity = count.nullish().transform((value) => value ?? 0);
const order = z.object({
  purchase_order_number: text,
  reference_number: text,
  shipping_method: z.string().nullish(),
  line_items: list(z.object({ part_number: text, ordered: count, shipped: quantity, backordered: quantity, cancelled: quantity })),
  shipments: list(
    z.object({
      carrier: z.string().nullish(),
      tracking_number: text,
      ship_date: text.nullish(),
      line_items: list(z.object({ part_number: text, quantity: count })),
    }),
  ),
});
export type PuWireOrder = z.infer<typeof order>;

export const orders = z.object({ orders: list(order) });

/** GET /v1/parts/inventory/{sku}. Public code reads only `quantity`; the warehouse name is our assumption. */
export const inventory = z.object({
  availability: list(z.object({ warehouses: list(z.object({ warehouse: text.nullish(), quantity: count })) })),
});
