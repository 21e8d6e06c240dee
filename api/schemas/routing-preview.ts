import { z } from 'zod';
import { REASON_CODES } from '../../domain/dropship-plan.js';
import { distributorSchema } from './common.js';

// Answers. Strict: a field a handler returns that the contract does not name is a 500 in tests, not a silent loss.

const problem = z
  .strictObject({
    code: z.enum([...REASON_CODES, 'not_paid']),
    message: z.string(),
    action: z
      .strictObject({
        label: z.string().describe('The one thing that fixes the problem, in words'),
        href: z.string().nullable().describe('The dealer-UI path where it is done, when there is one (e.g. /catalog?q=SKU)'),
      })
      .meta({ id: 'FixingAction' }),
  })
  .meta({ id: 'PreviewProblem', description: 'What stands in the way of a drop-ship, and the action that clears it' });

export const routingPreviewSchema = z
  .strictObject({
    state: z
      .enum(['ready', 'resolve', 'underway', 'closed'])
      .describe(
        'ready: a drop-ship would place POs for every line still due; resolve: something must be fixed first; underway: a drop-ship took the order; closed: shipped or cancelled',
      ),
    orderProblems: z.array(problem).describe('Problems of the order as a whole, e.g. not paid yet'),
    lines: z.array(
      z.strictObject({
        lineId: z.string(),
        dealerSku: z.string(),
        quantity: z.number().int().describe('Units still to drop-ship'),
        status: z.enum(['routed', 'needs_resolution', 'already_dropshipped']),
        distributor: distributorSchema.nullable().describe('Where a routed line would go'),
        distributorSku: z.string().nullable(),
        why: z.array(z.string()),
        problems: z.array(problem),
      }),
    ),
    purchaseOrders: z
      .array(
        z.strictObject({
          distributor: distributorSchema,
          shipMethod: z.string(),
          lines: z.array(z.strictObject({ lineId: z.string(), dealerSku: z.string(), distributorSku: z.string(), quantity: z.number().int() })),
        }),
      )
      .describe('The POs a drop-ship would propose now, one per distributor'),
  })
  .meta({ id: 'RoutingPreview', description: 'A dry run of routing for an order: nothing is written or decided' });

// Requests.

export const bulkDropshipBody = z.object({
  orderIds: z
    .array(z.uuid({ error: 'Each order must be an order ID' }), { error: 'Orders are required' })
    .min(1, 'Pick at least one order')
    .max(50, 'Pick at most 50 orders at a time'),
  acknowledged: z
    .boolean({ error: 'acknowledged must be true or false' })
    .optional()
    .describe('true: "I am placing real orders with the distributors": each drop-ship is confirmed as proposed; otherwise each waits for confirmation'),
});

export const bulkDropshipAnswer = z
  .strictObject({
    results: z.array(
      z.strictObject({
        orderId: z.uuid(),
        channelOrderId: z.string().nullable(),
        outcome: z
          .enum(['placed', 'awaiting_confirmation', 'already_dropshipped', 'not_ready', 'failed'])
          .describe(
            'placed: confirmed and its POs are being placed; awaiting_confirmation: started, waiting for the dealer; already_dropshipped: an earlier request took it (nothing new was done); not_ready: it needs resolving first; failed: it could not be started',
          ),
        dropshipId: z.uuid().nullable(),
        purchaseOrders: z.array(z.strictObject({ distributor: distributorSchema, poNumber: z.string() })),
        message: z.string().nullable().describe('Why it was not placed, in words'),
      }),
    ),
  })
  .meta({ id: 'BulkDropshipResult', description: 'What happened to each order of a bulk drop-ship' });
