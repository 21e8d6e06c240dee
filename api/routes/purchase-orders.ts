import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { markForRetry } from '../../db/repositories/po-retries.js';
import { loadPoFacts } from '../../db/repositories/po-facts.js';
import { openReroute } from '../../db/repositories/reroutes.js';
import { poActionRefusal } from '../../domain/po-actions.js';
import { startDropshipWorkflow } from '../../temporal/dropship-start.js';
import { requestCancellation, startPurchaseOrderRetry, updateRefusal } from '../../temporal/purchase-order-actions.js';
import { planReadyUpdate, type DropshipWorkflow } from '../../workflows/contracts/dropship.js';
import { acceptedSchema, replyAccepted } from '../schemas/accepted.js';
import { dropshipStateSchema } from '../schemas/dropships.js';
import { listPurchaseOrderStatusEvents } from '../../db/repositories/audit.js';
import { searchPurchaseOrders } from '../../db/repositories/purchase-orders.js';
import { DomainError } from '../../domain/errors.js';
import type { ApiDeps } from '../deps.js';
import { presentPurchaseOrder } from '../presenters.js';
import { distributorSchema, errorResponses, V1_ERRORS } from '../schemas/common.js';
import { cancellationBody, purchaseOrderDetailSchema, purchaseOrderSchema, rerouteBody } from '../schemas/purchase-orders.js';
import { cursorParam, page } from '../schemas/cursor.js';
import { instant } from '../schemas/orders.js';
import { PO_STATUSES } from '../../domain/purchase-order.js';

const searchQuery = z
  .object({
    poNumber: z
      .string({ error: 'PO number must be text' })
      .trim()
      .min(1, 'PO number must not be blank')
      .max(40, 'PO number must be at most 40 characters')
      .optional()
      .describe('The start of the PO number, in any case'),
    orderId: z
      .string({ error: 'Order must be an order ID or an order number' })
      .trim()
      .min(1, 'Order must be an order ID or an order number')
      .max(64, 'Order must be an order ID or an order number')
      .optional()
      .describe("The order's ID, or the channel's order number in any case"),
    distributor: distributorSchema.optional(),
    status: z.enum(PO_STATUSES, { error: `Status must be one of ${PO_STATUSES.join(', ')}` }).optional(),
    shipped: z
      .enum(['true', 'false'], { error: 'Shipped must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
    from: instant('Placed from', false).optional().describe('POs placed at or after this (a date means the start of that day, UTC)'),
    to: instant('Placed until', true).optional().describe('POs placed before this (a date means up to the end of that day, UTC)'),
    cursor: cursorParam,
    limit: z.coerce
      .number({ error: 'Limit must be a number' })
      .int('Limit must be a whole number')
      .min(1, 'Limit must be at least 1')
      .max(200, 'Limit must be at most 200')
      .default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'Placed from must be before placed until', path: ['to'] });

const purchaseOrdersPage = z
  .strictObject({
    purchaseOrders: z.array(purchaseOrderSchema),
    nextCursor: z.uuid().nullable().describe('Pass as cursor for the next page; null on the last'),
  })
  .describe('One page of purchase orders, newest first');

/** Purchase orders across all distributors, searchable, with packages and carrier tracking links; and the dealer's actions on one. */
export function purchaseOrderRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const { db, temporal } = deps;
  const starter = { client: temporal, taskQueue: deps.taskQueue, tracking: deps.tracking };
  const answerWithin = <T>(call: () => Promise<T>) => temporal.withAbortSignal(AbortSignal.timeout(deps.workflowAnswerTimeoutMs), call);
  const present = async (dealerId: string, poNumber: string) => {
    const [po] = await searchPurchaseOrders(db, dealerId, { poNumber, limit: 1 });
    return presentPurchaseOrder(po!);
  };
  const actionResponses = { 200: purchaseOrderSchema, ...errorResponses(...V1_ERRORS, 404, 409, 503) };
  const poParams = z.object({ poNumber: z.string().min(1).max(40) });

  return async (app) => {
    app.get(
      '/purchase-orders',
      {
        schema: {
          tags: ['purchase orders'],
          summary: 'Search purchase orders',
          querystring: searchQuery,
          response: { 200: purchaseOrdersPage, ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const { cursor, poNumber, orderId, ...filter } = request.query;
        const order = orderId === undefined ? {} : z.uuid().safeParse(orderId).success ? { orderId } : { orderNumber: orderId };
        const rows = await searchPurchaseOrders(db, request.dealerId, {
          ...filter,
          ...order,
          poNumberPrefix: poNumber,
          after: cursor,
          limit: filter.limit + 1,
        });
        const { items, nextCursor } = page(rows, filter.limit);
        return { purchaseOrders: items.map(presentPurchaseOrder), nextCursor };
      },
    );

    app.get(
      '/purchase-orders/:poNumber',
      {
        schema: {
          tags: ['purchase orders'],
          summary: 'One purchase order with its lines, status history and packages',
          params: z.object({ poNumber: z.string().min(1).max(40) }),
          response: { 200: purchaseOrderDetailSchema, ...errorResponses(...V1_ERRORS, 404) },
        },
      },
      async (request) => {
        const [po] = await searchPurchaseOrders(db, request.dealerId, { poNumber: request.params.poNumber, limit: 1 });
        if (!po) throw new DomainError('NOT_FOUND', `No purchase order ${request.params.poNumber}`);
        const events = await listPurchaseOrderStatusEvents(db, request.dealerId, po.poNumber);
        const statusHistory = events.map(({ type, ...event }) => ({ status: type.slice('po.'.length), ...event }));
        return { ...presentPurchaseOrder(po), statusHistory };
      },
    );

    app.post(
      '/purchase-orders/:poNumber/retry',
      {
        schema: {
          tags: ['purchase orders'],
          summary: 'Retry a failed or unverified purchase order under the same PO number (looked up first, so it is never placed twice)',
          params: poParams,
          response: actionResponses,
        },
      },
      async (request) => {
        const { poNumber } = request.params;
        const retry = await markForRetry(db, request.dealerId, poNumber, request.actor);
        try {
          await startPurchaseOrderRetry(starter, retry.po, retry.attempt);
        } catch (error) {
          await retry.undo();
          if (error instanceof WorkflowExecutionAlreadyStartedError) throw new DomainError('CONFLICT', `PO ${poNumber} is already being worked on`);
          throw error;
        }
        return present(request.dealerId, poNumber);
      },
    );

    app.post(
      '/purchase-orders/:poNumber/reroute',
      {
        schema: {
          tags: ['purchase orders'],
          summary: 'Route the refused, cancelled or backordered lines of a purchase order again, without its distributor',
          description:
            'Opens a drop-ship of just those lines; the dealer confirms its proposed POs as usual (or it places them at once with mode auto). Backordered lines moved away are cancelled at the old distributor.',
          params: poParams,
          body: rerouteBody,
          response: { 200: dropshipStateSchema, ...errorResponses(...V1_ERRORS, 404, 409, 503) },
        },
      },
      async (request) => {
        const opened = await openReroute(db, {
          dealerId: request.dealerId,
          poNumber: request.params.poNumber,
          mode: request.body?.mode ?? 'manual',
          actor: request.actor,
        });
        const handle = await startDropshipWorkflow(starter, opened, request.actor).catch((error: unknown) => {
          if (error instanceof WorkflowExecutionAlreadyStartedError) return temporal.workflow.getHandle<DropshipWorkflow>(opened.dropship.workflowId);
          throw error;
        });
        if (opened.movedBackorders) {
          await requestCancellation(temporal, request.dealerId, request.params.poNumber, {
            actor: request.actor,
            reason: 'its backordered lines were re-routed to another distributor',
          }).catch((error: unknown) => {
            if (!updateRefusal(error)) throw error;
          });
        }
        const state = await answerWithin(() =>
          handle.executeUpdate(planReadyUpdate).catch((error: unknown) => {
            if (error instanceof WorkflowNotFoundError) return handle.result();
            throw error;
          }),
        );
        return { id: opened.dropship.id, workflowId: opened.dropship.workflowId, ...state };
      },
    );

    app.post(
      '/purchase-orders/:poNumber/cancellation',
      {
        schema: {
          tags: ['purchase orders'],
          summary: 'Ask the distributor to cancel what has not shipped of a purchase order',
          description:
            "Through the distributor's cancel API where it has one; otherwise a task for the dealer with what to ask. Each line then ends cancelled, refused, unknown or shipped after cancel requested.",
          params: poParams,
          body: cancellationBody,
          response: {
            202: acceptedSchema.describe('Requested and recorded; the purchase order (Location) shows what the distributor answers'),
            ...errorResponses(...V1_ERRORS, 404, 409, 503),
          },
        },
      },
      async (request, reply) => {
        const { poNumber } = request.params;
        const { facts } = await loadPoFacts(db, request.dealerId, poNumber);
        const refusal = poActionRefusal('request_cancellation', facts);
        if (refusal) throw new DomainError('CONFLICT', refusal);
        const tracked = await answerWithin(() =>
          requestCancellation(temporal, request.dealerId, poNumber, { actor: request.actor, reason: request.body?.reason }),
        ).catch((error: unknown) => {
          const refused = updateRefusal(error);
          if (refused) throw new DomainError('CONFLICT', refused.message);
          throw error;
        });
        if (!tracked) throw new DomainError('CONFLICT', `PO ${poNumber} is no longer tracked, so Dropline cannot ask its distributor to cancel it`);
        return replyAccepted(reply, `/v1/purchase-orders/${encodeURIComponent(poNumber)}`);
      },
    );
  };
}
