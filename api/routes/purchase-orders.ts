import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listPurchaseOrderStatusEvents } from '../../db/repositories/audit.js';
import { searchPurchaseOrders } from '../../db/repositories/purchase-orders.js';
import { DomainError } from '../../domain/errors.js';
import type { ApiDeps } from '../deps.js';
import { withTrackingLinks } from '../presenters.js';
import { distributorSchema, errorResponses, V1_ERRORS } from '../schemas/common.js';
import { purchaseOrderDetailSchema, purchaseOrderSchema } from '../schemas/purchase-orders.js';
import { cursorParam, page } from '../schemas/cursor.js';

const searchQuery = z.object({
  poNumber: z.string().trim().min(1).max(40).optional(),
  orderId: z.uuid({ error: 'orderId is not a valid id' }).optional(),
  distributor: distributorSchema.optional(),
  shipped: z
    .enum(['true', 'false'], { error: 'shipped must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  cursor: cursorParam,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const purchaseOrdersPage = z
  .strictObject({
    purchaseOrders: z.array(purchaseOrderSchema),
    nextCursor: z.uuid().nullable().describe('Pass as cursor for the next page; null on the last'),
  })
  .describe('One page of purchase orders, newest first');

/** Purchase orders across all distributors, searchable, with packages and carrier tracking links. */
export function purchaseOrderRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
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
        const { cursor, ...filter } = request.query;
        const rows = await searchPurchaseOrders(db, request.dealerId, { ...filter, after: cursor, limit: filter.limit + 1 });
        const { items, nextCursor } = page(rows, filter.limit);
        return { purchaseOrders: items.map(withTrackingLinks), nextCursor };
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
        return { ...withTrackingLinks(po), statusHistory };
      },
    );
  };
}
