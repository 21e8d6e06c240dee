import { z } from 'zod';

/**
 * The parts of Amazon's answers the connector reads. Objects are not strict: Amazon adds fields over
 * time, and the connector must keep working when it does.
 */

/** The SP-API ErrorList: `{errors: [{code, message, details}]}`. */
export const apiErrors = z.object({
  errors: z.array(z.object({ code: z.string(), message: z.string().optional(), details: z.string().optional() })),
});

export type AmazonApiError = z.infer<typeof apiErrors>['errors'][number];

/** getOrder (2026-01-01) with includedData=PACKAGES; an order with no packages may leave the list out. */
export const orderPackages = z.object({
  order: z.object({
    packages: z.array(z.object({ packageReferenceId: z.string(), trackingNumber: z.string().optional() })).default([]),
  }),
});

/** Orders 2026-01-01 Money: a decimal string and its currency. */
const money = z.object({ amount: z.string(), currencyCode: z.string().optional() });

/**
 * searchOrders' Order, the parts intake reads. `buyer` and `recipient` come only when includedData
 * asks for them (and not while the order is unpaid), `fulfillment` only with FULFILLMENT.
 */
export const order = z.object({
  orderId: z.string().min(1),
  createdTime: z.iso.datetime({ offset: true }),
  lastUpdatedTime: z.iso.datetime({ offset: true }),
  buyer: z.object({ buyerName: z.string().optional(), buyerEmail: z.string().optional() }).optional(),
  recipient: z
    .object({
      deliveryAddress: z
        .object({
          name: z.string().optional(),
          companyName: z.string().optional(),
          addressLine1: z.string().optional(),
          addressLine2: z.string().optional(),
          addressLine3: z.string().optional(),
          city: z.string().optional(),
          stateOrRegion: z.string().optional(),
          postalCode: z.string().optional(),
          countryCode: z.string().optional(),
          phone: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  fulfillment: z
    .object({
      fulfillmentStatus: z.string(),
      fulfillmentServiceLevel: z.string().optional(),
      shipByWindow: z.object({ latestDateTime: z.iso.datetime({ offset: true }).optional() }).optional(),
    })
    .optional(),
  orderItems: z.array(
    z.object({
      orderItemId: z.string().min(1),
      quantityOrdered: z.number().int().nonnegative(),
      product: z
        .object({
          asin: z.string().optional(),
          title: z.string().optional(),
          sellerSku: z.string().optional(),
          price: z.object({ unitPrice: money.optional() }).optional(),
        })
        .default({}),
    }),
  ),
});

export type AmazonOrder = z.infer<typeof order>;

export const ordersPage = z.object({
  orders: z.array(order).default([]),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
});
