import { z } from 'zod';
import { distributorSchema, optionalText, text, timestamp } from './common.js';

/** The catalog's cursor: the last item of the page before, as an opaque text. */
export const encodeCatalogCursor = (key: { distributor: string; distributorSku: string }) =>
  Buffer.from(JSON.stringify([key.distributor, key.distributorSku])).toString('base64url');

const catalogCursor = z
  .string()
  .transform((value, ctx) => {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string')) {
        return { distributor: parsed[0] as string, distributorSku: parsed[1] as string };
      }
    } catch {
      // Falls through to the one refusal below.
    }
    ctx.addIssue({ code: 'custom', message: 'cursor is not one this API returned' });
    return z.NEVER;
  })
  .optional()
  .describe('nextCursor of the page before');

export const catalogSearchQuery = z.object({
  q: optionalText('Search text', 100).describe('Any part of a SKU, your SKU, brand, manufacturer part number or description; case does not matter'),
  distributor: distributorSchema.optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(200, 'limit must be at most 200')
    .default(50),
  cursor: catalogCursor,
});

const sku = (label: string) => text(label, 100);

export const skuLinkBody = z.strictObject({
  dealerSku: sku('Your SKU'),
  distributor: distributorSchema,
  distributorSku: sku("The distributor's part number"),
});

export const skuLinkParams = z.object({ linkId: z.uuid({ error: 'Link id is not a valid id' }) });

export const skuLinksQuery = z.object({ dealerSku: optionalText('Your SKU', 100) });

export const skuLinkSchema = z
  .strictObject({
    id: z.uuid(),
    dealerSku: z.string(),
    distributor: z.string().describe('A distributor id'),
    distributorSku: z.string(),
    createdBy: z.string().describe('Who made the link'),
    createdAt: timestamp,
  })
  .meta({ id: 'SkuLink', description: 'Your SKU fulfilled by this distributor item: a cross-reference you made, kept across feed imports' });

const warehouseStock = z
  .strictObject({
    warehouseCode: z.string(),
    warehouseName: z.string().nullable().describe('Null when the warehouse is not in your warehouse list (its stock then counts as too slow to drop-ship)'),
    leadTimeDays: z.number().int().nullable().describe("The warehouse's lead time from your warehouse list"),
    quantity: z.number().int(),
    updatedAt: timestamp,
  })
  .meta({ id: 'WarehouseStock', description: 'Stock of one item at one distributor warehouse, as of the last feed import or live check' });

export const catalogItemSchema = z
  .strictObject({
    distributor: z.string().describe('A distributor id'),
    distributorSku: z.string(),
    dealerSku: z.string().describe("Your SKU as the distributor's feed maps it"),
    description: z.string().nullable(),
    brand: z.string().nullable(),
    manufacturerPartNumber: z.string().nullable(),
    costCents: z.number().int(),
    leadTimeDays: z.number().int().nullable().describe("The distributor's lead time for the item, when its feed gives one"),
    updatedAt: timestamp,
    stock: z.array(warehouseStock),
    links: z.array(skuLinkSchema).describe('Your SKUs linked to this item besides the one the feed maps'),
  })
  .meta({ id: 'CatalogItem', description: 'A distributor item in your catalog, with its stock per warehouse and your links to it' });

export const catalogPage = z.strictObject({
  items: z.array(catalogItemSchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last'),
});
