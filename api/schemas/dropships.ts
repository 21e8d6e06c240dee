import { z } from 'zod';
import { REASON_CODES, type LinePlanStatus } from '../../domain/dropship-plan.js';
import { PO_STATUSES } from '../../domain/purchase-order.js';
import type { DropshipPhase } from '../../workflows/contracts/dropship.js';
import { addressSchema, distributorSchema, optionalText, uuidParam } from './common.js';

export const startDropshipBody = z.object({ mode: z.enum(['auto', 'manual'], { error: 'Mode must be auto or manual' }).optional() }).default({});

export const dropshipParams = z.object({ dropshipId: uuidParam('Drop-ship id') });

export const confirmBody = z.object({
  acknowledged: z.boolean({ error: 'acknowledged must be true or false' }),
  poNumbers: z.partialRecord(distributorSchema, z.string().trim().min(1, 'PO number cannot be blank').max(40, 'PO number is too long')).optional(),
  shipTo: addressSchema.optional(),
  quantities: z.record(z.uuid(), z.number().int('Quantity must be a whole number')).optional(),
});

export const swapLineBody = z.object({ lineId: uuidParam('Line id'), distributor: distributorSchema });

export const cancelBody = z.object({ reason: optionalText('Reason', 500) }).default({});

// Answers. Strict: a field a handler returns that the contract does not name is a 500 in tests, not a silent loss.

const reason = z
  .strictObject({ code: z.enum(REASON_CODES), message: z.string() })
  .meta({ id: 'Reason', description: 'Why a distributor or a line cannot be drop-shipped, in words a dealer can act on' });

const candidate = z
  .strictObject({
    distributor: distributorSchema,
    distributorSku: z.string(),
    costCents: z.number().int(),
    availableQty: z.number().int(),
    leadTimeDays: z.number().int().nullable(),
    shipMethod: z.string().nullable(),
    eligible: z.boolean(),
    reasons: z.array(reason),
    samePartAs: z.strictObject({ brand: z.string(), manufacturerPartNumber: z.string() }).optional(),
  })
  .meta({ id: 'CandidateAssessment', description: 'One distributor that carries the part, judged for this line' });

export const linePlanSchema = z
  .strictObject({
    lineId: z.string(),
    dealerSku: z.string(),
    quantity: z.number().int(),
    status: z.enum(['routed', 'needs_resolution', 'already_dropshipped'] satisfies LinePlanStatus[]),
    chosen: candidate.nullable(),
    why: z.array(z.string()),
    candidates: z.array(candidate),
    reasons: z.array(reason),
  })
  .meta({ id: 'LinePlan', description: 'What routing decided for one order line, and why' });

export const dropshipPlanSchema = z
  .strictObject({
    lines: z.array(linePlanSchema),
    purchaseOrders: z.array(
      z.strictObject({
        distributor: distributorSchema,
        shipMethod: z.string(),
        lines: z.array(z.strictObject({ lineId: z.string(), dealerSku: z.string(), distributorSku: z.string(), quantity: z.number().int() })),
      }),
    ),
  })
  .meta({ id: 'DropshipPlan', description: 'The routed lines and the purchase orders proposed for them' });

const dropshipPhase = z.enum([
  'planning',
  'awaiting_confirmation',
  'submitting',
  'in_progress',
  'completed',
  'needs_resolution',
  'cancelled',
  'expired',
] satisfies DropshipPhase[]);

export const dropshipStateSchema = z
  .strictObject({
    id: z.uuid(),
    workflowId: z.string(),
    phase: dropshipPhase,
    mode: z.enum(['auto', 'manual']),
    plan: dropshipPlanSchema.nullable(),
    purchaseOrders: z.array(
      z.strictObject({
        distributor: distributorSchema,
        poNumber: z.string(),
        workflowId: z.string(),
        result: z
          .strictObject({
            poNumber: z.string(),
            distributor: distributorSchema,
            status: z.enum(PO_STATUSES),
            trackingNumbers: z.array(z.string()),
            failureReason: z.string().nullable(),
            giveUpAt: z.number().nullable(),
          })
          .nullable()
          .describe("The PO workflow's result once it has finished"),
      }),
    ),
    problem: z.string().nullable().describe('Why the last confirmation could not be carried out, for the dealer to fix and confirm again'),
    reminded: z.boolean(),
  })
  .meta({ id: 'DropshipState', description: "A drop-ship's live state, as its workflow holds it" });
