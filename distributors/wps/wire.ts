import { z } from 'zod';

/**
 * The parts of WPS responses the connector reads. WPS publishes field names but few types or
 * examples, so these accept numbers sent as strings (and the reverse) and null for empty lists.
 */

const text = z.union([z.string(), z.number()]).transform(String);
const count = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);

export const createdCart = z.object({ data: z.object({ cart_number: text, po_number: text }) });

export const cart = z.object({
  data: z.object({ po_number: text, cart_number: text.nullish(), items: list(z.object({ item: text, quantity: count })) }),
});
export type WpsWireCart = z.infer<typeof cart>['data'];

export const addedItem = z.object({ data: z.unknown() });

export const submittedOrder = z.object({ data: z.object({ order_number: text, status: text.nullish() }) });
export type WpsSubmittedOrder = z.infer<typeof submittedOrder>;

const orderDetail = z.object({
  order_number: text,
  order_status: z.string().nullish(),
  warehouse: z.string().nullish(),
  ship_via: z.string().nullish(),
  ship_date: text.nullish(),
  tracking_numbers: list(text),
  // The item shape is not documented; sku + quantity is what the example and public code suggest.
  items: list(z.object({ sku: text, quantity: count })),
});
export type WpsWireOrderDetail = z.infer<typeof orderDetail>;

const purchaseOrderData = z.object({ po_number: text, order_details: list(orderDetail) });
export const purchaseOrder = z.object({ data: purchaseOrderData });
export type WpsWirePurchaseOrder = z.infer<typeof purchaseOrderData>;

/**
 * `GET /orders?from_date&to_date`. Whether it pages is not documented: a `meta.cursor` in the shape of
 * WPS's collection endpoints is followed; without one the list is a single page.
 */
export const purchaseOrders = z.object({
  data: z.array(purchaseOrderData),
  meta: z.object({ cursor: z.object({ next: text.nullish() }).nullish() }).nullish(),
});

export const inventory = z.object({
  data: z.array(z.object({ sku: text, warehouses: list(z.object({ warehouse: text, quantity: count })) })),
});

/** Laravel-style error body; anything else is treated as having no details. */
export const errorBody = z.object({
  message: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});
export type WpsErrorBody = z.infer<typeof errorBody>;
