import { z } from 'zod';

/**
 * The parts of Automatic Distributors responses the connector reads. Every shape beyond the
 * `header.ponumber` key is our assumption (see contract.ts), so these accept numbers sent as strings
 * (and the reverse), null for an empty list, and a one-digit generation number from older answers.
 */

const text = z.union([z.string(), z.number()]).transform(String);
const count = z.union([z.number().int().min(0), z.string().regex(/^\d+$/).transform(Number)]);
const quantity = count.nullish().transform((value) => value ?? 0);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
const generation = text.transform((value) => value.padStart(2, '0'));

/** What an error answer may say; anything else is treated as having no details. */
export const errorBody = z.object({
  errors: list(z.object({ code: z.string().nullish(), message: z.string().nullish(), field: z.string().nullish() })),
  message: z.string().optional(),
});
export type AutomaticErrorBody = z.infer<typeof errorBody>;

const header = z.object({
  ponumber: text,
  orderNumber: text,
  orderGenerationNumber: generation,
  status: z.string().nullish(),
});

/** POST /order/create. */
export const createdOrder = z.object({
  header,
  lines: list(z.object({ partNumber: text, quantityOrdered: count })),
});
export type AutomaticCreatedOrder = z.infer<typeof createdOrder>;

const order = z.object({
  header: header.extend({ shipMethod: z.string().nullish(), invoiceDate: text.nullish() }),
  lines: list(
    z.object({
      partNumber: text,
      quantityOrdered: count,
      quantityShipped: quantity,
      quantityBackordered: quantity,
      quantityCancelled: quantity,
    }),
  ),
  packages: list(
    z.object({
      carrier: z.string().nullish(),
      trackingNumber: text.nullish(),
      proNumber: text.nullish(),
      shipDate: text.nullish(),
      lines: list(z.object({ partNumber: text, quantity: count })),
    }),
  ),
});
export type AutomaticWireOrder = z.infer<typeof order>;

/** GET /order/lookup?ponumber=… */
export const lookup = z.object({ orders: list(order) });

/** GET /order/lookup/range: only read to prove the token works, so the orders stay unread. */
export const range = z.object({ orders: z.array(z.unknown()) });

/** POST /order/revoke. */
export const revoked = z.object({
  ponumber: text,
  revoked: list(z.object({ orderNumber: text, orderGenerationNumber: generation })),
});
