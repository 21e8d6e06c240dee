import { z } from 'zod';
import type { DistributorId } from '../domain/distributors.js';

const secret = (label: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) })
    .trim()
    .min(1, `${label} is required`)
    .max(200, `${label} must be at most 200 characters`);

/**
 * What each distributor's API authenticates with, as the dealer types it in. The settings API checks
 * new credentials against these before encrypting them; the connector registry reads them back.
 */
export const DISTRIBUTOR_CREDENTIALS = {
  wps: z.strictObject({ apiToken: secret('API token') }),
  parts_unlimited: z.strictObject({ dealerNumber: secret('Dealer number'), apiKey: secret('API key') }),
  tucker_rocky: z.strictObject({ customerNumber: secret('Customer number'), apiKey: secret('API key') }),
  automatic: z.strictObject({ apiToken: secret('API token') }),
} satisfies Record<DistributorId, z.ZodType<Record<string, string>>>;
