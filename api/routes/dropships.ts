import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findDealer } from '../../db/repositories/dealers.js';
import { findDropship, listOrderDropships } from '../../db/repositories/dropships.js';
import { findOrder } from '../../db/repositories/orders.js';
import { poNumberOwner } from '../../db/repositories/purchase-orders.js';
import { dropshipBlockedBecause } from '../../domain/channel-orders.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { dropshipStatusPhrase } from '../../domain/status-words.js';
import {
  cancelUpdate,
  confirmUpdate,
  dropshipStatusQuery,
  routeAgainUpdate,
  swapLineUpdate,
  type DropshipWorkflow,
} from '../../workflows/contracts/dropship.js';
import { sendAccepted } from '../../temporal/update-acceptance.js';
import { dropshipOpening } from '../dropship-opening.js';
import type { ApiDeps } from '../deps.js';
import { acceptedSchema, replyAccepted } from '../schemas/accepted.js';
import { errorResponses, uuidParam, V1_ERRORS } from '../schemas/common.js';
import { cancelBody, confirmBody, dropshipParams, dropshipStateSchema, startDropshipBody, swapLineBody } from '../schemas/dropships.js';

/**
 * A dealer decision, answered once the workflow accepted it (202): refused by the workflow as the
 * wrong moment (409) or with problems to fix (422).
 */
const decisionResponses = {
  202: acceptedSchema.describe('Accepted and recorded; the drop-ship (Location) shows it carried out'),
  ...errorResponses(...V1_ERRORS, 404, 409, 422, 503),
};

/** Starting a drop-ship, and the dealer's decisions on it, as workflow starts and Updates. */
export function dropshipRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const { db, temporal } = deps;
  const { openAndStart, planned, answerWithin } = dropshipOpening(deps);

  const dropshipFor = async (dealerId: string, dropshipId: string) => {
    const row = await findDropship(db, dealerId, dropshipId);
    if (!row) throw new DomainError('NOT_FOUND', 'No such drop-ship');
    return { row, handle: temporal.workflow.getHandle<DropshipWorkflow>(row.workflowId) };
  };

  /** Where the dealer reads what became of a decision. */
  const dropshipPath = (row: { id: string }) => `/v1/dropships/${row.id}`;

  /**
   * A dealer decision on a drop-ship whose workflow has already finished is a conflict, not a 404; the
   * reason names the status it finished in (read again: it may have finished while this request waited).
   */
  const decide = async <T>(row: { dealerId: string; id: string; status: string }, send: () => Promise<T>): Promise<T> => {
    try {
      return await answerWithin(send);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        const status = (await findDropship(db, row.dealerId, row.id))?.status ?? row.status;
        throw new DomainError('CONFLICT', `This drop-ship ${dropshipStatusPhrase(status)}; it can no longer be changed`);
      }
      throw error;
    }
  };

  /** Opens the order's drop-ship (or finds the unfinished one) and answers its state once routed. */
  const startFor = async (dealerId: string, orderId: string, requestedMode: 'auto' | 'manual' | undefined, actor: Actor) => {
    const order = await findOrder(db, dealerId, orderId);
    if (!order) throw new DomainError('NOT_FOUND', 'No such order');
    const blocked = dropshipBlockedBecause(order.status);
    if (blocked) throw new DomainError('CONFLICT', blocked);
    const dealer = (await findDealer(db, dealerId))!;
    const mode = requestedMode ?? (dealer.autoProcessing ? 'auto' : 'manual');
    const { dropship: row, created, handle } = await openAndStart(dealer, order, mode, actor);
    return { created, id: row.id, workflowId: row.workflowId, ...(await planned(handle)) };
  };

  return async (app) => {
    app.post(
      '/orders/:orderId/dropships',
      {
        schema: {
          tags: ['drop-ships'],
          summary: 'Start a drop-ship: route the lines and propose purchase orders (auto mode also places them)',
          params: z.object({ orderId: uuidParam('Order id') }),
          body: startDropshipBody,
          response: {
            201: dropshipStateSchema.describe('A drop-ship was opened and routed'),
            200: dropshipStateSchema.describe('The order already had an unfinished drop-ship; its state'),
            ...errorResponses(...V1_ERRORS, 404, 409, 503),
          },
        },
      },
      async (request, reply) => {
        const { created, ...started } = await startFor(request.dealerId, request.params.orderId, request.body.mode, request.actor);
        return reply.status(created ? 201 : 200).send(started);
      },
    );

    app.get(
      '/dropships/:dropshipId',
      {
        schema: {
          tags: ['drop-ships'],
          summary: 'Live state of a drop-ship',
          params: dropshipParams,
          response: { 200: dropshipStateSchema, ...errorResponses(...V1_ERRORS, 404, 503) },
        },
      },
      async (request) => {
        const { row, handle } = await dropshipFor(request.dealerId, request.params.dropshipId);
        const state = await answerWithin(() => handle.query(dropshipStatusQuery));
        return { id: row.id, workflowId: row.workflowId, ...state };
      },
    );

    app.post(
      '/dropships/:dropshipId/confirm',
      {
        schema: {
          tags: ['drop-ships'],
          summary: 'Confirm the proposed purchase orders, with edits',
          params: dropshipParams,
          body: confirmBody,
          response: decisionResponses,
        },
      },
      async (request, reply) => {
        const { row, handle } = await dropshipFor(request.dealerId, request.params.dropshipId);
        const order = await findOrder(db, request.dealerId, row.orderId);
        if (order?.status === 'cancelled')
          throw new DomainError('CONFLICT', 'The buyer cancelled this order, so nothing is ordered for it; cancel this drop-ship instead');
        for (const poNumber of Object.values(request.body.poNumbers ?? {})) {
          if (poNumber && (await poNumberOwner(db, request.dealerId, poNumber)) !== null) {
            throw new DomainError('CONFLICT', `PO number ${poNumber} is already used by another purchase order`, {
              fields: [{ field: 'body.poNumbers', message: `${poNumber} is already used` }],
            });
          }
        }
        await decide(row, () => sendAccepted(temporal, handle, confirmUpdate, { ...request.body, actor: request.actor }));
        return replyAccepted(reply, dropshipPath(row));
      },
    );

    app.post(
      '/dropships/:dropshipId/swap-line',
      {
        schema: {
          tags: ['drop-ships'],
          summary: 'Move a line to another distributor that carries the part',
          params: dropshipParams,
          body: swapLineBody,
          response: decisionResponses,
        },
      },
      async (request, reply) => {
        const { row, handle } = await dropshipFor(request.dealerId, request.params.dropshipId);
        await decide(row, () => sendAccepted(temporal, handle, swapLineUpdate, { ...request.body, actor: request.actor }));
        return replyAccepted(reply, dropshipPath(row));
      },
    );

    app.post(
      '/dropships/:dropshipId/cancel',
      {
        schema: {
          tags: ['drop-ships'],
          summary: 'Cancel a drop-ship before anything is ordered',
          params: dropshipParams,
          body: cancelBody,
          response: decisionResponses,
        },
      },
      async (request, reply) => {
        const { row, handle } = await dropshipFor(request.dealerId, request.params.dropshipId);
        await decide(row, () => sendAccepted(temporal, handle, cancelUpdate, { ...request.body, actor: request.actor }));
        return replyAccepted(reply, dropshipPath(row));
      },
    );

    app.post(
      '/dropships/:dropshipId/route-again',
      {
        schema: {
          tags: ['drop-ships'],
          summary: "Route again from today's facts, after fixing what stopped a line (a SKU linked in the catalog, an account made ready)",
          description:
            "A drop-ship waiting for confirmation proposes anew (200). One that ended because no line could be drop-shipped is followed by the order's next drop-ship, in the same mode (201; auto mode also places its POs).",
          params: dropshipParams,
          response: {
            200: dropshipStateSchema.describe('Routed again; the new proposal'),
            201: dropshipStateSchema.describe("The order's next drop-ship, routed"),
            ...errorResponses(...V1_ERRORS, 404, 409, 422, 503),
          },
        },
      },
      async (request, reply) => {
        const { row, handle } = await dropshipFor(request.dealerId, request.params.dropshipId);
        if (row.status === 'needs_resolution') {
          const latest = (await listOrderDropships(db, row.orderId)).at(-1);
          if (latest?.id !== row.id) throw new DomainError('CONFLICT', 'A later drop-ship of this order took its place; route that one again instead');
          const { created, ...started } = await startFor(request.dealerId, row.orderId, row.mode === 'auto' ? 'auto' : 'manual', request.actor);
          return reply.status(created ? 201 : 200).send(started);
        }
        const state = await decide(row, () => handle.executeUpdate(routeAgainUpdate, { args: [{ actor: request.actor }] }));
        return { id: row.id, workflowId: row.workflowId, ...state };
      },
    );
  };
}
