import { z } from 'zod';
import { DISTRIBUTORS } from '../../domain/distributors.js';
import { MAX_HANDLING_DAYS } from '../../domain/ship-by.js';
import { distributorSchema, timeZone } from './common.js';

const email = (label: string) => z.email({ error: `${label} must be an email address such as parts@yourstore.com` }).max(200, `${label} is too long`);

/** What Resend accepts as a sender: an address, or a display name and an address in angle brackets. */
const SENDER = /^(?:[^<>"]*[^<>\s"]\s*<([^<>\s]+)>|([^<>\s]+))$/;
const sender = z
  .string({ error: 'Email sender must be text' })
  .trim()
  .max(200, 'Email sender is too long')
  .refine((value) => {
    const match = SENDER.exec(value);
    return z.email().safeParse(match?.[1] ?? match?.[2]).success;
  }, 'Email sender must be an address, or a name and address such as Ridge Line Powersports <orders@ridgeline.com>');

const handlingDaysOf = (channel: string) =>
  z
    .number({ error: `Handling time for ${channel} orders must be a number of business days` })
    .int(`Handling time for ${channel} orders must be a whole number of business days`)
    .min(0, `Handling time for ${channel} orders cannot be negative`)
    .max(MAX_HANDLING_DAYS, `Handling time for ${channel} orders must be at most ${MAX_HANDLING_DAYS} business days`);

/** Both channels at once: the settings page always sends the pair. */
const handlingDays = z.strictObject(
  { website: handlingDaysOf('website'), shopify: handlingDaysOf('Shopify') },
  { error: 'Handling time must give business days for both website and shopify orders, e.g. {"website": 2, "shopify": 2}' },
);

/** Whole hours: a reminder within the first week, and an expiry within 30 days (after which the PO proposal is stale). */
const confirmHours = (label: string, max: number) =>
  z
    .number({ error: `${label} must be a number of hours` })
    .int(`${label} must be a whole number of hours`)
    .min(1, `${label} must be at least 1 hour`)
    .max(max, `${label} must be at most ${max} hours`);

const FAILOVER_FIELDS = 'enabled, onRefusal, onDistributorCancel, backorderDays and maxCostPercent';
const failoverPolicyError = (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys'
    ? `Failover policy has no setting ${issue.keys!.map((key) => `"${key}"`).join(', ')}; it takes ${FAILOVER_FIELDS}`
    : `Failover policy must be an object with any of ${FAILOVER_FIELDS}, e.g. {"enabled": true, "maxCostPercent": 85}`;

export const settingsPatchBody = z
  .strictObject({
    autoProcessing: z.boolean({ error: 'Auto-processing must be true or false' }).optional(),
    distributorPreference: z
      .array(distributorSchema, { error: 'Distributor preference must be a list of distributors, most preferred first' })
      .refine((list) => new Set(list).size === list.length, 'Each distributor can appear only once in the preference order')
      .optional(),
    dropshipCutoff: z
      .number({ error: 'Drop-ship cutoff must be an amount in dollars, e.g. 10 or 24.99' })
      .min(0, 'Drop-ship cutoff cannot be negative')
      .max(100_000, 'Drop-ship cutoff must be at most $100,000')
      .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'Drop-ship cutoff can have at most two decimals')
      .optional(),
    stockBuffer: z
      .number({ error: 'Stock buffer must be a number of units' })
      .int('Stock buffer must be a whole number of units')
      .min(0, 'Stock buffer cannot be negative')
      .max(10_000, 'Stock buffer must be at most 10000 units')
      .optional(),
    notificationEmail: email('Notification email').nullable().optional(),
    emailFrom: sender.nullable().optional(),
    emailReplyTo: email('Reply-to email').nullable().optional(),
    notifyBuyerOfPoChanges: z.boolean({ error: 'Buyer notices of backorders and cancellations must be true or false' }).optional(),
    poPrefix: z
      .string({ error: 'PO prefix must be text' })
      .regex(/^[A-Z0-9]{1,8}$/, 'PO prefix must be 1 to 8 capital letters or digits, e.g. DL')
      .optional(),
    timeZone: timeZone.optional(),
    confirmReminderHours: confirmHours('Confirmation reminder', 168).optional(),
    confirmExpiryHours: confirmHours('Confirmation expiry', 720).optional(),
    failoverPolicy: z
      .strictObject(
        {
          enabled: z.boolean({ error: 'Failover on/off must be true or false' }).optional(),
          onRefusal: z.boolean({ error: 'Re-route on refusal must be true or false' }).optional(),
          onDistributorCancel: z.boolean({ error: 'Re-route on distributor cancellation must be true or false' }).optional(),
          backorderDays: z
            .number({ error: 'Backorder days must be a number of days, or null to never re-route backorders' })
            .positive('Backorder days must be more than 0')
            .max(90, 'Backorder days must be at most 90')
            .nullable()
            .optional(),
          maxCostPercent: z
            .number({ error: 'Cost ceiling must be a percentage of the sale price, e.g. 85' })
            .int('Cost ceiling must be a whole percentage')
            .min(1, 'Cost ceiling must be at least 1 %')
            .max(200, 'Cost ceiling must be at most 200 %')
            .optional(),
        },
        { error: failoverPolicyError },
      )
      .optional()
      .describe('Automatic re-routing; fields left out keep their values'),
    handlingDays: handlingDays.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'Send at least one setting to change');
export type SettingsPatch = z.infer<typeof settingsPatchBody>;

export const dealerSettingsSchema = z
  .strictObject({
    autoProcessing: z.boolean(),
    distributorPreference: z.array(z.enum(DISTRIBUTORS)).describe('Most preferred first'),
    dropshipCutoff: z.number().describe('In dollars: lines priced below it are not drop-shipped'),
    stockBuffer: z.number().int(),
    notificationEmail: z.string().nullable(),
    emailFrom: z.string().nullable(),
    emailReplyTo: z.string().nullable(),
    notifyBuyerOfPoChanges: z.boolean().describe('Email the buyer when a distributor backorders or cancels part of their order'),
    poPrefix: z.string(),
    timeZone: z.string(),
    confirmReminderHours: z.number().int().describe('A drop-ship waiting this long for confirmation sends the dealer a reminder'),
    confirmExpiryHours: z.number().int().describe('A drop-ship still unconfirmed after this long expires; always longer than the reminder'),
    failoverPolicy: z
      .strictObject({
        enabled: z.boolean().describe('Off by default'),
        onRefusal: z.boolean().describe('Re-route when a distributor refuses a PO'),
        onDistributorCancel: z.boolean().describe('Re-route lines the distributor cancels'),
        backorderDays: z.number().nullable().describe('Re-route lines backordered longer than this many days; null never'),
        maxCostPercent: z.number().int().describe('A re-routed line may cost at most this share of its sale price'),
      })
      .describe('Automatic failover to the next eligible distributor, once per line'),
    handlingDays: z
      .strictObject({ website: z.number().int(), shopify: z.number().int() })
      .describe(
        'Business days to ship an order from a channel that gives no ship-by date (eBay and Amazon do): its deadline is the end of that many business days (Monday to Friday, in the dealer’s time zone) after the day it was placed',
      ),
  })
  .meta({ id: 'DealerSettings', description: "The dealer's order-automation settings" });
