import { z } from 'zod';
import { DISTRIBUTORS } from '../../domain/distributors.js';
import { canonicalTimeZone } from '../../domain/time-zone.js';

/** A required, non-blank text field whose errors name the field in words a dealer understands. */
export const text = (label: string, max = 200) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

export const optionalText = (label: string, max = 200) =>
  z.string({ error: `${label} must be text` }).trim().max(max, `${label} must be at most ${max} characters`).optional();

export const addressSchema = z.object({
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
}, { error: 'Ship-to address is required' });

export const distributorSchema = z.enum(DISTRIBUTORS, { error: `Distributor must be one of ${DISTRIBUTORS.join(', ')}` });

export const uuidParam = (label: string) => z.uuid({ error: `${label} is not a valid id` });

export const errorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});

/** An IANA time zone, stored as the tz database spells it. */
export const timeZone = z.string({ error: 'timeZone must be text' }).transform((name, ctx) => {
  const canonical = canonicalTimeZone(name);
  if (canonical === null) ctx.addIssue({ code: 'custom', message: `"${name}" is not an IANA time zone such as America/Chicago` });
  return canonical ?? name;
});
