import { z } from 'zod';

/**
 * The parts of TRWS answers the connector reads (contract.ts says which are public and which are our
 * assumption). Numbers are accepted as numbers or digit strings, and a list as a list or a lone
 * object: JSON made from XML, as TRWS's presumably is, often drops the array around a single element.
 */

const text = z.union([z.string(), z.number()]).transform(String);
const count = z.union([z.number().int().min(0), z.string().trim().regex(/^\d+$/).transform(Number)]);
const list = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), item.transform((one) => [one])])
    .nullish()
    .transform((items): Array<z.output<T>> => items ?? []);

const lineOutcome = z.object({ itemnum: text.nullish(), errormsg: text.nullish() });

/**
 * What every answer's section says about success. Line reasons live in `orderinput` (ORD) or on the
 * items (INV); a refusal quotes them all.
 */
export const outcome = z.object({
  status: z.string(),
  errormsg: text.nullish(),
  orderinput: z.object({ orderline: list(lineOutcome) }).nullish(),
  orderoutput: z.object({ orderline: list(lineOutcome) }).nullish(),
  item: list(lineOutcome),
});
export type TrwsOutcome = z.infer<typeof outcome>;

/** ORD, once SUCCESSFUL: `orderoutput.ordernum` [CODE×2]; a line with an `errormsg` was not placed. */
export const placedOrder = z.object({
  orderoutput: z.object({
    ordernum: text.refine((ordernum) => ordernum.trim() !== ''),
    orderline: list(lineOutcome),
  }),
});

const trackingNumber = z.object({
  carrier: z.string().nullish(),
  trackingnum: text,
  shipdate: text.nullish(),
  qty: count,
});

const shipmentLine = z.object({
  itemnum: text,
  qtyordered: count,
  qtyshipped: count,
  qtybackordered: count,
  qtycancelled: count,
  trackingnumbers: list(trackingNumber),
});
export type TrwsShipmentLine = z.infer<typeof shipmentLine>;

const order = z.object({
  ordernum: text,
  po: text,
  carrier: z.string().nullish(),
  shipmentline: list(shipmentLine),
});
export type TrwsOrder = z.infer<typeof order>;

/** SHP, once SUCCESSFUL: one `shipment` per Tucker order. */
export const shipments = z.object({ shipment: list(order) });

/** INV, once SUCCESSFUL. An item with an `errormsg` is one Tucker does not carry. */
export const inventory = z.object({
  item: list(
    z.object({
      itemnum: text,
      errormsg: text.nullish(),
      dc: list(z.object({ dcname: text, dcinv: count })),
    }),
  ),
});
