import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { distributorPlugin } from '../../distributors/registry.js';
import { DISTRIBUTORS } from '../../domain/distributors.js';
import { errorResponses, V1_ERRORS } from '../schemas/common.js';

const distributor = z
  .strictObject({
    id: z.enum(DISTRIBUTORS),
    name: z.string(),
    poSuffix: z.string().describe('What the generated PO number of a drop-ship ends in for this distributor (DL001000-W)'),
    shipMethods: z.strictObject({
      codes: z.array(z.string()).describe('Shipping-method codes a store shipping rate can map to'),
      published: z.boolean().describe('Whether the distributor publishes its list: only then is a code outside it refused'),
    }),
    credentialFields: z.array(z.string()).describe('What a saved credentials object holds'),
    credentialLabels: z.record(z.string(), z.string()).describe('Each credential field as the distributor names it to the dealer ("API token")'),
    accountRequirements: z
      .strictObject({ taxIdOnFile: z.boolean(), creditCardOnFile: z.boolean() })
      .describe('What the distributor requires on file before it takes drop-ship orders (the account facts of the same names)'),
  })
  .meta({ id: 'Distributor', description: 'A distributor Dropline can place purchase orders with' });

/** The distributors Dropline knows, as the server's own modules describe them, so clients keep no list of their own. */
export function distributorRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/distributors',
      {
        schema: {
          tags: ['distributor accounts'],
          summary: 'Every distributor: name, PO suffix, shipping methods, credential fields and what it requires on file',
          response: {
            200: z.strictObject({ distributors: z.array(distributor) }).describe('In the order Dropline lists them'),
            ...errorResponses(...V1_ERRORS),
          },
        },
      },
      async () => ({
        distributors: DISTRIBUTORS.map((id) => {
          const { profile, shipMethods, credentials } = distributorPlugin(id);
          return {
            id,
            name: profile.name,
            poSuffix: profile.poSuffix,
            shipMethods: { codes: [...shipMethods.codes], published: shipMethods.published },
            credentialFields: Object.keys(credentials.shape),
            credentialLabels: Object.fromEntries(Object.entries(credentials.shape).map(([field, schema]) => [field, schema.description ?? field])),
            accountRequirements: { ...profile.requires },
          };
        }),
      }),
    );
  };
}
