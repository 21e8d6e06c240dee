import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findDigestSettings, saveDigestSettings } from '../../db/repositories/digest-settings.js';
import { DomainError } from '../../domain/errors.js';
import { saveDealerDigestSchedule } from '../../temporal/dealer-digest-schedule.js';
import type { ApiDeps } from '../deps.js';
import { errorResponses, timeZone, V1_ERRORS } from '../schemas/common.js';

const wholeNumber = (label: string, min: number, max: number) => {
  const message = `${label} must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
};

const digestBody = z
  .strictObject({
    enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
    hour: wholeNumber('hour', 0, 23).optional(),
    minute: wholeNumber('minute', 0, 59).optional(),
    timeZone: timeZone.optional(),
    unshippedAfterDays: wholeNumber('unshippedAfterDays', 1, 60).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'Send enabled, hour, minute, timeZone or unshippedAfterDays');

const digestSettings = z
  .strictObject({ enabled: z.boolean(), hour: z.number().int(), minute: z.number().int(), timeZone: z.string(), unshippedAfterDays: z.number().int() })
  .meta({ id: 'DigestSettings', description: 'When the daily digest goes out (local time in timeZone) and what it lists' });

/**
 * The dealer's daily digest: when it goes out (local time in the dealer's time zone, which these
 * settings also change), whether it does, and after how many days an unshipped PO is listed.
 */
export function digestSettingsRoutes({ db, temporal, taskQueue, workflowAnswerTimeoutMs }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings/digest',
      { schema: { tags: ['settings'], summary: 'Daily digest settings', response: { 200: digestSettings, ...errorResponses(...V1_ERRORS, 404) } } },
      async (request) => {
        const settings = await findDigestSettings(db, request.dealerId);
        if (!settings) throw new DomainError('NOT_FOUND', 'No such dealer');
        return settings;
      },
    );

    app.put(
      '/settings/digest',
      {
        schema: {
          tags: ['settings'],
          summary: 'Save daily digest settings (fields left out keep their values) and schedule it accordingly',
          body: digestBody,
          response: { 200: digestSettings, ...errorResponses(...V1_ERRORS, 503) },
        },
      },
      async (request) => {
        const saved = await saveDigestSettings(db, request.dealerId, request.body, request.actor);
        // Saved first: if Temporal is unreachable the request fails, and repeating it (idempotent) brings the schedule in line.
        await temporal.withAbortSignal(AbortSignal.timeout(workflowAnswerTimeoutMs), () =>
          saveDealerDigestSchedule(temporal, taskQueue, { dealerId: request.dealerId, ...saved }),
        );
        return saved;
      },
    );
  };
}
