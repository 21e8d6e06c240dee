import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findDealerSettings, saveDealerSettings, type DealerSettings } from '../../db/repositories/dealer-settings.js';
import { findDigestSettings } from '../../db/repositories/digest-settings.js';
import { DomainError } from '../../domain/errors.js';
import { saveDealerDigestSchedule } from '../../temporal/dealer-digest-schedule.js';
import type { ApiDeps } from '../deps.js';
import { errorResponses, V1_ERRORS } from '../schemas/common.js';
import { dealerSettingsSchema, settingsPatchBody } from '../schemas/settings.js';

/**
 * The dealer's order-automation settings: auto-processing, distributor preference, drop-ship cutoff,
 * stock buffer, notification sender, PO prefix and time zone. Each change is audited with its actor.
 */
export function settingsRoutes({ db, temporal, taskQueue, workflowAnswerTimeoutMs }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings',
      { schema: { tags: ['settings'], summary: 'Order-automation settings', response: { 200: dealerSettingsSchema, ...errorResponses(...V1_ERRORS, 404) } } },
      async (request) => {
        const settings = await findDealerSettings(db, request.dealerId);
        if (!settings) throw new DomainError('NOT_FOUND', 'No such dealer');
        return present(settings);
      },
    );

    app.patch(
      '/settings',
      {
        schema: {
          tags: ['settings'],
          summary: 'Change some settings (fields left out keep their values); answers with all of them',
          body: settingsPatchBody,
          response: { 200: dealerSettingsSchema, ...errorResponses(...V1_ERRORS, 503) },
        },
      },
      async (request) => {
        const { dropshipCutoff, failoverPolicy, ...rest } = request.body;
        const changes = {
          ...rest,
          ...(dropshipCutoff === undefined ? {} : { dropshipCutoffCents: Math.round(dropshipCutoff * 100) }),
          ...(failoverPolicy ? { failoverPolicy: definedOnly(failoverPolicy) } : {}),
        };
        const saved = await saveDealerSettings(db, request.dealerId, changes, request.actor);
        if (rest.timeZone !== undefined) {
          // The daily digest is timed in the dealer's zone. Saved first: repeating the request brings the schedule in line.
          const digest = (await findDigestSettings(db, request.dealerId))!;
          await temporal.withAbortSignal(AbortSignal.timeout(workflowAnswerTimeoutMs), () =>
            saveDealerDigestSchedule(temporal, taskQueue, { dealerId: request.dealerId, ...digest }),
          );
        }
        return present(saved);
      },
    );
  };
}

function present({ dropshipCutoffCents, ...settings }: DealerSettings) {
  return { ...settings, dropshipCutoff: dropshipCutoffCents / 100 };
}

const definedOnly = <T extends object>(patch: T) => Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
