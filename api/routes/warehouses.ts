import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteWarehouse, listWarehouses, saveWarehouse } from '../../db/repositories/warehouses.js';
import { MAX_DROPSHIP_LEAD_TIME_DAYS } from '../../domain/dropship-plan.js';
import { DomainError } from '../../domain/errors.js';
import type { ApiDeps } from '../deps.js';
import { distributorSchema, errorResponses, noContent, text, V1_ERRORS } from '../schemas/common.js';

const warehouseParams = z.object({
  distributor: distributorSchema,
  code: z
    .string({ error: 'Warehouse code is required' })
    .regex(/^[A-Za-z0-9_-]{1,20}$/, "Warehouse code must be 1 to 20 letters, digits, - or _ as in the distributor's inventory file"),
});
const warehouseBody = z.strictObject({
  name: text('Warehouse name', 100),
  leadTimeDays: z
    .number({ error: 'Lead time must be a number of days' })
    .int('Lead time must be a whole number of days')
    .min(0, 'Lead time cannot be negative')
    .max(365, 'Lead time must be at most 365 days'),
});

const warehouse = z
  .strictObject({ distributor: z.string().describe('A distributor id'), code: z.string(), name: z.string(), leadTimeDays: z.number().int() })
  .meta({ id: 'Warehouse', description: 'A distributor warehouse and how many days its stock takes to ship' });

/**
 * The dealer's inventory rules per distributor warehouse. Only stock at warehouses with a lead time of
 * at most one day is drop-shippable; a warehouse not listed here counts as too slow.
 */
export function warehouseRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/warehouses',
      {
        schema: {
          tags: ['settings'],
          summary: `Distributor warehouses and their lead times (drop-ship needs ${MAX_DROPSHIP_LEAD_TIME_DAYS} day or less)`,
          response: { 200: z.strictObject({ warehouses: z.array(warehouse) }).describe("The dealer's warehouses"), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => ({ warehouses: await listWarehouses(db, request.dealerId) }),
    );

    app.put(
      '/warehouses/:distributor/:code',
      {
        schema: {
          tags: ['settings'],
          summary: 'Add a warehouse or change its name and lead time',
          params: warehouseParams,
          body: warehouseBody,
          response: { 200: warehouse, ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => saveWarehouse(db, request.dealerId, { ...request.params, ...request.body }, request.actor),
    );

    app.delete(
      '/warehouses/:distributor/:code',
      {
        schema: {
          tags: ['settings'],
          summary: 'Remove a warehouse (its stock then counts as too slow to drop-ship)',
          params: warehouseParams,
          response: { 204: noContent('Removed'), ...errorResponses(...V1_ERRORS, 404) },
        },
      },
      async (request, reply) => {
        if (!(await deleteWarehouse(db, request.dealerId, request.params, request.actor))) throw new DomainError('NOT_FOUND', 'No such warehouse');
        return reply.status(204).send();
      },
    );
  };
}
