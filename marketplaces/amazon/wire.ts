import { z } from 'zod';

/**
 * The parts of Amazon's answers the connector reads. Objects are not strict: Amazon adds fields over
 * time, and the connector must keep working when it does.
 */

/** Login with Amazon's refresh-token grant. */
export const accessToken = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().nonnegative(),
});

export const oauthError = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/** The SP-API ErrorList: `{errors: [{code, message, details}]}`. */
export const apiErrors = z.object({
  errors: z.array(z.object({ code: z.string(), message: z.string().optional(), details: z.string().optional() })),
});

export type AmazonApiError = z.infer<typeof apiErrors>['errors'][number];

/** getOrder (2026-01-01) with includedData=PACKAGES; an order with no packages may leave the list out. */
export const orderPackages = z.object({
  order: z.object({
    packages: z
      .array(z.object({ packageReferenceId: z.string(), trackingNumber: z.string().optional() }))
      .default([]),
  }),
});
