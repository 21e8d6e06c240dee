import { z } from 'zod';
import { DISTRIBUTORS } from '../../domain/distributors.js';
import { ERROR_CODES } from '../../domain/errors.js';
import { canonicalTimeZone } from '../../domain/time-zone.js';

/** A required, non-blank text field whose errors name the field in words a dealer understands. */
export const text = (label: string, max = 200) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

export const optionalText = (label: string, max = 200) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional();

export const addressSchema = z.object(
  {
    name: text('Recipient name', 100),
    company: optionalText('Company', 100),
    line1: text('Street address', 100),
    line2: optionalText('Address line 2', 100),
    city: text('City', 60),
    region: text('State or region', 60),
    postalCode: text('Postal code', 20),
    country: z
      .string({ error: 'Country must be a two-letter code such as US' })
      .regex(/^[A-Z]{2}$/, 'Country must be a two-letter code such as US')
      .default('US'),
    phone: optionalText('Phone', 30),
  },
  { error: 'Ship-to address is required' },
);

export const distributorSchema = z.enum(DISTRIBUTORS, { error: `Distributor must be one of ${DISTRIBUTORS.join(', ')}` });

export const uuidParam = (label: string) => z.uuid({ error: `${label} is not a valid id` });

/** The one error envelope every refusal comes in (api/errors.ts). */
export const errorEnvelope = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z
        .looseObject({
          fields: z
            .array(z.strictObject({ field: z.string(), message: z.string() }))
            .optional()
            .describe('Each invalid field, by its place in the request (body.shipTo.city)'),
          problems: z.array(z.string()).optional().describe("The workflow's reasons for refusing a decision"),
        })
        .optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error', description: 'Every refusal, in one envelope' });

const ERROR_MEANINGS = {
  400: 'A parameter, header or body field is missing or invalid; details.fields names each',
  401: 'No valid credentials',
  403: "The signed-in user's (or API key's) role may not do this, or a browser write came without its CSRF token",
  404: 'Nothing of that id belongs to this dealer',
  409: 'The request conflicts with the current state',
  422: 'Understood, but it cannot be done as things stand',
  429: 'Too many requests with this API key; retry-after says when to try again',
  503: 'A service behind the API (Temporal) did not answer in time; try again shortly',
} as const;
export type ErrorStatus = keyof typeof ERROR_MEANINGS;

/** The error answers a route can give, each in the one envelope. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorEnvelope> {
  return Object.fromEntries(statuses.map((status) => [status, errorEnvelope.describe(ERROR_MEANINGS[status])])) as Record<S, typeof errorEnvelope>;
}

/** What every /v1 route can answer before its handler runs: bad text (400), no key (401), over the limit (429). */
export const V1_ERRORS = [400, 401, 429] as const;

/** An answer with no body. */
export const noContent = (description: string) => z.undefined().describe(description);

/** A timestamp: Dates leave the server as ISO 8601 strings. */
export const timestamp = z.date();

/** An IANA time zone, stored as the tz database spells it. */
export const timeZone = z.string({ error: 'timeZone must be text' }).transform((name, ctx) => {
  const canonical = canonicalTimeZone(name);
  if (canonical === null) ctx.addIssue({ code: 'custom', message: `"${name}" is not an IANA time zone such as America/Chicago` });
  return canonical ?? name;
});
