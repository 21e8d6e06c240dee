import { z } from 'zod';
import { addressSchema, distributorSchema, optionalText, uuidParam } from './common.js';

export const startDropshipBody = z
  .object({ mode: z.enum(['auto', 'manual'], { error: 'Mode must be auto or manual' }).optional() })
  .default({});

export const dropshipParams = z.object({ dropshipId: uuidParam('Drop-ship id') });

export const confirmBody = z.object({
  acknowledged: z.boolean({ error: 'acknowledged must be true or false' }),
  poNumbers: z.partialRecord(distributorSchema, z.string().trim().min(1, 'PO number cannot be blank').max(40, 'PO number is too long')).optional(),
  shipTo: addressSchema.optional(),
  quantities: z.record(z.uuid(), z.number().int('Quantity must be a whole number')).optional(),
});

export const swapLineBody = z.object({ lineId: uuidParam('Line id'), distributor: distributorSchema });

export const cancelBody = z.object({ reason: optionalText('Reason', 500) }).default({});
