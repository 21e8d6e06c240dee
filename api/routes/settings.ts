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
        const { dropshipCutoff, failoverPolicy, confirmReminderHours, confirmExpiryHours, ...rest } = request.body;
        if (confirmReminderHours !== undefined || confirmExpiryHours !== undefined) {
          await checkConfirmationWindow(db, request.dealerId, confirmReminderHours, confirmExpiryHours);
        }
        const changes = {
          ...rest,
          ...(confirmReminderHours === undefined ? {} : { confirmReminderSeconds: confirmReminderHours * 3600 }),
          ...(confirmExpiryHours === undefined ? {} : { confirmExpirySeconds: confirmExpiryHours * 3600 }),
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

function present({ dropshipCutoffCents, confirmReminderSeconds, confirmExpirySeconds, ...settings }: DealerSettings) {
  return {
    ...settings,
    dropshipCutoff: dropshipCutoffCents / 100,
    // Saved in seconds (tests shorten them below an hour); shown in whole hours, the unit the dealer sets.
    confirmReminderHours: Math.round(confirmReminderSeconds / 3600),
    confirmExpiryHours: Math.round(confirmExpirySeconds / 3600),
  };
}

/** A reminder at or after the expiry would never be sent; judged against the saved value of the one not sent. */
async function checkConfirmationWindow(db: ApiDeps['db'], dealerId: string, reminderHours: number | undefined, expiryHours: number | undefined) {
  const saved = await findDealerSettings(db, dealerId);
  const reminder = reminderHours ?? (saved?.confirmReminderSeconds ?? 0) / 3600;
  const expiry = expiryHours ?? (saved?.confirmExpirySeconds ?? 0) / 3600;
  if (reminder < expiry) return;
  const field = reminderHours === undefined ? 'body.confirmExpiryHours' : 'body.confirmReminderHours';
  const message = `The confirmation reminder (${reminder} h) must come before the expiry (${expiry} h)`;
  throw new DomainError('BAD_REQUEST', message, { fields: [{ field, message }] });
}

const definedOnly = <T extends object>(patch: T) => Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
