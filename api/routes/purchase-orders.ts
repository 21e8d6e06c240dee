import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchPurchaseOrders } from '../../db/repositories/purchase-orders.js';
import { DomainError } from '../../domain/errors.js';
import { trackingLink } from '../../notifications/tracking-links.js';
import type { ApiDeps } from '../deps.js';
import { distributorSchema } from '../schemas/common.js';

const searchQuery = z.object({
  poNumber: z.string().trim().min(1).max(40).optional(),
  orderId: z.uuid({ error: 'orderId is not a valid id' }).optional(),
  distributor: distributorSchema.optional(),
  shipped: z.enum(['true', 'false'], { error: 'shipped must be true or false' }).transform((v) => v === 'true').optional(),
  cursor: z.uuid({ error: 'cursor is not one this API returned' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Purchase orders across all distributors, searchable, with packages and carrier tracking links. */
export function purchaseOrderRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/purchase-orders', { schema: { tags: ['purchase orders'], summary: 'Search purchase orders', querystring: searchQuery } }, async (request) => {
      const { cursor, ...filter } = request.query;
      const rows = await searchPurchaseOrders(db, request.dealerId, { ...filter, after: cursor, limit: filter.limit + 1 });
      const page = rows.slice(0, filter.limit);
      const last = page.at(-1);
      return {
        purchaseOrders: page.map(withTrackingLinks),
        nextCursor: rows.length > filter.limit && last ? last.id : null,
      };
    });

    app.get('/purchase-orders/:poNumber', { schema: { tags: ['purchase orders'], summary: 'One purchase order', params: z.object({ poNumber: z.string().min(1).max(40) }) } }, async (request) => {
      const [po] = await searchPurchaseOrders(db, request.dealerId, { poNumber: request.params.poNumber, limit: 1 });
      if (!po) throw new DomainError('NOT_FOUND', `No purchase order ${request.params.poNumber}`);
      return withTrackingLinks(po);
    });
  };
}

function withTrackingLinks<T extends { shipments: Array<{ carrier: string; trackingNumber: string }> }>(po: T) {
  return { ...po, shipments: po.shipments.map((s) => ({ ...s, trackingUrl: trackingLink(s.carrier, s.trackingNumber) })) };
}
