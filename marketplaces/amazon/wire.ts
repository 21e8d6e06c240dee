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

const money = z.object({ CurrencyCode: z.string().optional(), Amount: z.string() });

/** getOrders (v0): the parts of an Order intake reads. Address and buyer are absent until it is paid. */
export const order = z.object({
  AmazonOrderId: z.string().min(1),
  PurchaseDate: z.iso.datetime({ offset: true }),
  LastUpdateDate: z.iso.datetime({ offset: true }),
  OrderStatus: z.string(),
  ShipServiceLevel: z.string().optional(),
  ShipmentServiceLevelCategory: z.string().optional(),
  /** [SPEC] The end of the time within which the seller committed to ship; seller-fulfilled orders only. */
  LatestShipDate: z.iso.datetime({ offset: true }).optional(),
  ShippingAddress: z
    .object({
      Name: z.string().optional(),
      AddressLine1: z.string().optional(),
      AddressLine2: z.string().optional(),
      AddressLine3: z.string().optional(),
      City: z.string().optional(),
      StateOrRegion: z.string().optional(),
      PostalCode: z.string().optional(),
      CountryCode: z.string().optional(),
      Phone: z.string().optional(),
    })
    .optional(),
  BuyerInfo: z.object({ BuyerEmail: z.string().optional(), BuyerName: z.string().optional() }).optional(),
});

export type AmazonOrder = z.infer<typeof order>;

export const ordersPage = z.object({
  payload: z.object({ Orders: z.array(order).default([]), NextToken: z.string().optional() }),
});

export const orderItem = z.object({
  OrderItemId: z.string().min(1),
  SellerSKU: z.string().optional(),
  ASIN: z.string().optional(),
  Title: z.string().optional(),
  QuantityOrdered: z.number().int().nonnegative(),
  ItemPrice: money.optional(),
});

export type AmazonOrderItem = z.infer<typeof orderItem>;

export const orderItemsPage = z.object({
  payload: z.object({ OrderItems: z.array(orderItem).default([]), NextToken: z.string().optional() }),
});
