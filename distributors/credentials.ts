import { z } from 'zod';

/**
 * One credential field as the dealer types it in, named by its label in every problem and on the
 * settings page (its description; `GET /v1/distributors` lists it). A plug-in's `credentials` schema is
 * a strict object of these; the settings API checks new credentials against it before encrypting
 * them, and the registry checks saved ones before connecting.
 */
export const credentialField = (label: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) })
    .trim()
    .min(1, `${label} is required`)
    .max(200, `${label} must be at most 200 characters`)
    .describe(label);
