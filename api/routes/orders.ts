import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listOrderAuditEvents } from '../../db/repositories/audit.js';
import { listOrderDropships } from '../../db/repositories/dropships.js';
import { findOrder, takeInWebsiteOrder } from '../../db/repositories/orders.js';
import { previewOrder } from '../../db/repositories/routing-previews.js';
import { dashboardPage } from '../../db/repositories/dashboard.js';
import { searchPurchaseOrders } from '../../db/repositories/purchase-orders.js';
import { DomainError } from '../../domain/errors.js';
import { startAutoDropship } from '../../temporal/dropship-start.js';
import type { ApiDeps } from '../deps.js';
import { presentPurchaseOrder, withEligibility, withShipByAlert } from '../presenters.js';
import { errorResponses, uuidParam, V1_ERRORS } from '../schemas/common.js';
import { routingPreviewSchema } from '../schemas/routing-preview.js';
import { createOrderBody, dashboardOrderSchema, listOrdersQuery, orderDetailSchema, orderWithLinesSchema } from '../schemas/orders.js';

const orderParams = z.object({ orderId: uuidParam('Order id') });

/**
 * Orders from the dealer's website, and every order's full picture. A website order of a dealer in
 * auto-processing starts its drop-ship as it is taken in, as Shopify's webhooks and marketplace polls do.
 */
export function orderRoutes({ db, temporal, taskQueue, tracking }: ApiDeps): FastifyPluginAsyncZod {
  const starter = { client: temporal, taskQueue, tracking };
  return async (app) => {
    app.post(
      '/orders',
      {
        schema: {
          tags: ['orders'],
          summary: 'Create a website order (idempotent on order number); auto-processing starts its drop-ship',
          body: createOrderBody,
          response: {
            201: orderWithLinesSchema.describe('The order was created'),
            200: orderWithLinesSchema.describe('An order with this number already exists; it is returned unchanged'),
            ...errorResponses(...V1_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const { id, created, autoDropship } = await takeInWebsiteOrder(db, {
          dealerId: request.dealerId,
          channel: 'website',
          channelOrderId: body.channelOrderId,
          buyer: body.buyer,
          shipTo: body.shipTo,
          shippingRateName: body.shippingRateName,
          lines: body.lines.map((line) => ({
            sku: line.sku,
            title: line.title,
            quantity: line.quantity,
            unitPriceCents: Math.round(line.unitPrice * 100),
          })),
        });
        // Should this start fail, the answer is an error and the order stays: posting it again starts it.
        if (autoDropship) await startAutoDropship(starter, autoDropship);
        const order = (await findOrder(db, request.dealerId, id))!;
        return reply.status(created ? 201 : 200).send(withShipByAlert(order));
      },
    );

    const ordersPage = z.strictObject({
      orders: z.array(dashboardOrderSchema),
      nextCursor: z.uuid().nullable().describe('Pass as cursor for the next page; null on the last'),
    });
    app.get(
      '/orders',
      {
        schema: {
          tags: ['orders'],
          summary: 'List orders with buyer, items, total and what each needs (ready to process, or what to resolve), newest first or soonest ship-by first',
          querystring: listOrdersQuery,
          response: { 200: ordersPage.describe('One page of orders'), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const { cursor, needsResolution, distributor, ...filter } = request.query;
        const now = new Date();
        const { items, nextCursor } = await dashboardPage(db, request.dealerId, { ...filter, after: cursor }, (order) => {
          if (distributor && !order.placedWith.includes(distributor) && !order.preview.purchaseOrders.some((po) => po.distributor === distributor))
            return false;
          if (needsResolution === undefined) return true;
          return needsResolution === (order.preview.state === 'resolve' || order.attention !== null);
        });
        return { orders: items.map((order) => withShipByAlert(order, now)), nextCursor };
      },
    );

    app.post(
      '/orders/:orderId/routing-preview',
      {
        schema: {
          tags: ['orders'],
          summary: 'Dry run of a drop-ship: ready with the proposed POs per line, or what to resolve and the action that fixes it; writes nothing',
          params: orderParams,
          response: { 200: routingPreviewSchema, ...errorResponses(...V1_ERRORS, 404) },
        },
      },
      async (request) => {
        const previewed = await previewOrder(db, request.dealerId, request.params.orderId);
        if (!previewed) throw new DomainError('NOT_FOUND', 'No such order');
        return previewed.preview;
      },
    );

    app.get(
      '/orders/:orderId',
      {
        schema: {
          tags: ['orders'],
          summary: 'An order: lines with eligibility and routing candidates, drop-ships, purchase orders with packages and tracking links, audit trail',
          params: orderParams,
          response: { 200: orderDetailSchema, ...errorResponses(...V1_ERRORS, 404) },
        },
      },
      async (request) => {
        const order = await findOrder(db, request.dealerId, request.params.orderId);
        if (!order) throw new DomainError('NOT_FOUND', 'No such order');
        const [dropships, purchaseOrders, auditTrail] = await Promise.all([
          listOrderDropships(db, order.id),
          searchPurchaseOrders(db, request.dealerId, { orderId: order.id, limit: 100 }),
          listOrderAuditEvents(db, request.dealerId, order.id),
        ]);
        return {
          ...withShipByAlert(order),
          lines: withEligibility(
            order.lines,
            dropships.map((d) => d.plan),
          ),
          // What a re-route's routing must avoid is the workflow's input, not part of the answer.
          dropships,
          purchaseOrders: purchaseOrders.map(presentPurchaseOrder),
          auditTrail,
        };
      },
    );
  };
}
