import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findSetupFacts } from '../../db/repositories/setup-facts.js';
import { DomainError } from '../../domain/errors.js';
import { SETUP_STEPS, setupChecklist } from '../../domain/setup-checklist.js';
import type { ApiDeps } from '../deps.js';
import { errorResponses, V1_ERRORS } from '../schemas/common.js';

const setupItem = z
  .strictObject({
    step: z.enum(SETUP_STEPS),
    title: z.string(),
    done: z.boolean(),
    detail: z.string().describe('What is missing, or what is in place'),
    href: z.string().describe('The settings page that does it'),
  })
  .meta({ id: 'SetupItem', description: 'One step of setting up drop-shipping' });

/** The first-run checklist: computed from the dealer's own rows each time, so it shrinks as the dealer sets up and never goes stale. */
export function setupChecklistRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/setup-checklist',
      {
        schema: {
          tags: ['settings'],
          summary: 'What is still missing before this dealer can drop-ship',
          response: {
            200: z.strictObject({ complete: z.boolean(), items: z.array(setupItem) }).describe('Every step, done or not, in the order to do them'),
            ...errorResponses(...V1_ERRORS, 404),
          },
        },
      },
      async (request) => {
        const facts = await findSetupFacts(db, request.dealerId);
        if (!facts) throw new DomainError('NOT_FOUND', 'No such dealer');
        const items = setupChecklist(facts);
        return { complete: items.every((item) => item.done), items };
      },
    );
  };
}
