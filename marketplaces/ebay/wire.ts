import { z } from 'zod';

/**
 * The parts of eBay's answers the connector reads. Objects are not strict: eBay adds fields over
 * time, and the connector must keep working when it does.
 */

export const accessToken = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().nonnegative(),
});

export const oauthError = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

export const apiErrors = z.object({
  errors: z.array(
    z.object({
      errorId: z.number(),
      message: z.string().optional(),
      longMessage: z.string().optional(),
    }),
  ),
});

export type EbayApiError = z.infer<typeof apiErrors>['errors'][number];

/** getShippingFulfillments; eBay may leave `fulfillments` out when an order has none. */
export const shippingFulfillments = z.object({
  fulfillments: z
    .array(z.object({ fulfillmentId: z.string(), shipmentTrackingNumber: z.string().optional() }))
    .default([]),
});
