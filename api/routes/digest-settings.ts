import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findDigestSettings, saveDigestSettings } from '../../db/repositories/digest-settings.js';
import { saveDealerDigestSchedule } from '../../temporal/dealer-digest-schedule.js';
import type { ApiDeps } from '../deps.js';
import { timeZone } from '../schemas/common.js';

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

/**
 * The dealer's daily digest: when it goes out (local time in the dealer's time zone, which these
 * settings also change), whether it does, and after how many days an unshipped PO is listed.
 */
export function digestSettingsRoutes({ db, temporal, taskQueue, workflowAnswerTimeoutMs }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/settings/digest', { schema: { tags: ['settings'], summary: 'Daily digest settings' } }, async (request) => findDigestSettings(db, request.dealerId));

    app.put(
      '/settings/digest',
      { schema: { tags: ['settings'], summary: 'Save daily digest settings (fields left out keep their values) and schedule it accordingly', body: digestBody } },
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
