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
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Purchase orders across all distributors, searchable, with packages and carrier tracking links. */
export function purchaseOrderRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/purchase-orders', { schema: { tags: ['purchase orders'], summary: 'Search purchase orders', querystring: searchQuery } }, async (request) => {
      const { cursor, ...filter } = request.query;
      const rows = await searchPurchaseOrders(db, request.dealerId, { ...filter, after: decodeCursor(cursor), limit: filter.limit + 1 });
      const page = rows.slice(0, filter.limit);
      const last = page.at(-1);
      return {
        purchaseOrders: page.map(withTrackingLinks),
        nextCursor: rows.length > filter.limit && last ? encodeCursor(last.createdAt, last.id) : null,
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

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new DomainError('BAD_REQUEST', 'cursor is not one this API returned', { fields: [{ field: 'querystring.cursor', message: 'Invalid cursor' }] });
  }
}
