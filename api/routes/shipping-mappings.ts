import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listShippingMappings, replaceShippingMapping } from '../../db/repositories/shipping-mappings.js';
import { distributorPlugin } from '../../distributors/registry.js';
import { shipMethodProblem } from '../../distributors/ship-methods.js';
import { CHANNELS } from '../../domain/channels.js';
import { DISTRIBUTOR_NAMES, DISTRIBUTORS, type DistributorId } from '../../domain/distributors.js';
import { DomainError } from '../../domain/errors.js';
import type { ApiDeps } from '../deps.js';
import { errorResponses, text, V1_ERRORS } from '../schemas/common.js';

const channelSchema = z.enum(CHANNELS, { error: `Channel must be one of ${CHANNELS.join(', ')}` });
const rateParams = z.object({ channel: channelSchema, rateName: text('Shipping rate name', 100) });
const methodCode = z
  .string({ error: 'A shipping method code must be text' })
  .trim()
  .min(1, 'A shipping method code is required')
  .max(20, 'A shipping method code is at most 20 characters');
const methodsBody = z.strictObject({
  methods: z.partialRecord(z.enum(DISTRIBUTORS, { error: `Distributor must be one of ${DISTRIBUTORS.join(', ')}` }), methodCode),
});

const distributorId = z.enum(DISTRIBUTORS);
const shippingMapping = z
  .strictObject({
    channel: z.string(),
    rateName: z.string(),
    methods: z.partialRecord(distributorId, z.string()).describe('The method code at each distributor; a distributor left out is unmapped'),
  })
  .meta({ id: 'ShippingMapping', description: 'What one store shipping rate means at each distributor' });
const shipMethodCatalog = z
  .record(
    distributorId,
    z.strictObject({ name: z.string(), codes: z.array(z.string()), published: z.boolean().describe('Only codes from a published list are checked') }),
  )
  .describe('The method codes each distributor knows');

/**
 * Which distributor shipping method each store shipping rate means ("Free Shipping" → WPS BEST,
 * Tucker UG). A rate with no method for a distributor makes lines routed there wait for the dealer.
 */
export function shippingMappingRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/shipping-mappings',
      {
        schema: {
          tags: ['shipping mappings'],
          summary: 'Shipping-rate mappings, and the method codes each distributor knows',
          querystring: z.object({ channel: channelSchema.optional() }),
          response: {
            200: z.strictObject({ mappings: z.array(shippingMapping), methods: shipMethodCatalog }).describe('The mappings and the codes to choose from'),
            ...errorResponses(...V1_ERRORS),
          },
        },
      },
      async (request) => ({
        mappings: await listShippingMappings(db, request.dealerId, request.query.channel),
        methods: Object.fromEntries(
          DISTRIBUTORS.map((d) => {
            const { codes, published } = distributorPlugin(d).shipMethods;
            return [d, { name: DISTRIBUTOR_NAMES[d], codes: [...codes], published }];
          }),
        ) as Record<DistributorId, { name: string; codes: string[]; published: boolean }>,
      }),
    );

    app.put(
      '/shipping-mappings/:channel/:rateName',
      {
        schema: {
          tags: ['shipping mappings'],
          summary: 'Set what one shipping rate maps to at each distributor (distributors left out become unmapped)',
          params: rateParams,
          body: methodsBody,
          response: { 200: shippingMapping, ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const { channel, rateName } = request.params;
        const methods = request.body.methods;
        const fields = Object.entries(methods).flatMap(([distributor, code]) => {
          const problem = shipMethodProblem(distributor as DistributorId, code!);
          return problem ? [{ field: `body.methods.${distributor}`, message: problem }] : [];
        });
        if (fields.length) throw new DomainError('BAD_REQUEST', fields.map((f) => f.message).join('; '), { fields });
        await replaceShippingMapping(db, request.dealerId, { channel, rateName, methods }, request.actor);
        return { channel, rateName, methods };
      },
    );
  };
}
