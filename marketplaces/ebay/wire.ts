import { z } from 'zod';

/**
 * The parts of eBay's answers the connector reads. Objects are not strict: eBay adds fields over
 * time, and the connector must keep working when it does.
 */

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
  fulfillments: z.array(z.object({ fulfillmentId: z.string(), shipmentTrackingNumber: z.string().optional() })).default([]),
});

const amount = z.object({ value: z.string().regex(/^\d+(\.\d+)?$/, 'must be an amount such as "19.95"'), currency: z.string() });

/**
 * getOrders' Order, the parts intake reads. [SPEC] sell_fulfillment_v1 marks no field of Order
 * required, so what intake can do without is optional: a missing status reads as not started and
 * not paid (nothing is drop-shipped on a guess), a missing date is the other one. What it cannot do
 * without is the order's id and its lines with their quantities and prices.
 */
export const order = z
  .object({
    orderId: z.string().min(1),
    creationDate: z.iso.datetime({ offset: true }).optional(),
    lastModifiedDate: z.iso.datetime({ offset: true }).optional(),
    orderFulfillmentStatus: z.string().optional(),
    orderPaymentStatus: z.string().optional(),
    cancelStatus: z.object({ cancelState: z.string().optional() }).optional(),
    buyer: z.object({ username: z.string().optional() }).optional(),
    lineItems: z
      .array(
        z.object({
          lineItemId: z.string().min(1),
          legacyItemId: z.string().optional(),
          sku: z.string().optional(),
          title: z.string().optional(),
          quantity: z.number().int().positive(),
          lineItemCost: amount,
          /** [SPEC] LineItemFulfillmentInstructions.shipByDate: ship by then or the shipment is late; ISO 8601 UTC. */
          lineItemFulfillmentInstructions: z.object({ shipByDate: z.iso.datetime({ offset: true }).optional() }).optional(),
        }),
      )
      .min(1),
    fulfillmentStartInstructions: z
      .array(
        z.object({
          shippingStep: z
            .object({
              shippingServiceCode: z.string().optional(),
              shipTo: z
                .object({
                  fullName: z.string().optional(),
                  companyName: z.string().optional(),
                  email: z.string().optional(),
                  primaryPhone: z.object({ phoneNumber: z.string().optional() }).optional(),
                  contactAddress: z
                    .object({
                      addressLine1: z.string().optional(),
                      addressLine2: z.string().optional(),
                      city: z.string().optional(),
                      stateOrProvince: z.string().optional(),
                      postalCode: z.string().optional(),
                      countryCode: z.string().optional(),
                    })
                    .optional(),
                })
                .optional(),
            })
            .optional(),
        }),
      )
      .default([]),
  })
  .refine((order) => order.creationDate ?? order.lastModifiedDate, { message: 'has neither creationDate nor lastModifiedDate', path: ['creationDate'] });

export type EbayOrder = z.infer<typeof order>;

/**
 * getOrders' OrderSearchPagedCollection; `orders` is left out when none match. Each order is read
 * on its own (orders.ts), so one eBay sends in a shape we do not expect does not refuse the page.
 */
export const orderPage = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative().default(0),
  orders: z.array(z.unknown()).default([]),
});
