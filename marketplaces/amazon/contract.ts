/**
 * What the Amazon connector and its sandbox both hold true about the Selling Partner API calls that
 * take orders in and push tracking. Sources, tagged as in external-apis.md: §5.2 of that file; the Orders v0 model
 * (`models/orders-api-model/ordersV0.json`) and the Orders 2026-01-01 model
 * (`orders_2026-01-01.json`) in amzn/selling-partner-api-models [SPEC]; public issue threads [3P].
 * Where nothing public says, the entry is our ASSUMPTION with how sure we are. The sandbox enforces
 * every entry, so changing a guess here changes both sides at once.
 */

/** [DOC] Login with Amazon issues the access tokens, on its own host. */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
export const LWA_TOKEN_PATH = '/auth/o2/token';

/** [DOC] The LWA access token goes in this header; no AWS SigV4 signing since 2023-10-02. */
export const ACCESS_TOKEN_HEADER = 'x-amz-access-token';

/** [INFERRED, well known] Amazon.com's marketplace id. */
export const US_MARKETPLACE_ID = 'ATVPDKIKX0DER';

export const PATHS = {
  /** [SPEC] confirmShipment, Orders v0: one package per call, answered 204 No Content. */
  confirmShipment: (orderId: string) => `/orders/v0/orders/${encodeURIComponent(orderId)}/shipmentConfirmation`,
  /**
   * [SPEC] getOrder, Orders 2026-01-01. With `includedData=PACKAGES` the order lists its packages,
   * each with `packageReferenceId`, `carrier`, `trackingNumber` and `packageItems`. Orders v0 has no
   * way to read a confirmed package back (getOrderItems only counts QuantityShipped, which cannot
   * tell a retried package from a second one), so this is the connector's read-before-write.
   */
  getOrder: (orderId: string) => `/orders/2026-01-01/orders/${encodeURIComponent(orderId)}`,
  /**
   * [SPEC] searchOrders, Orders 2026-01-01: `lastUpdatedAfter` (or `createdAfter`, exactly one of the
   * two) and `lastUpdatedBefore`, which must be "at least two minutes before the time of the request",
   * as in v0; array parameters (`marketplaceIds`, `fulfilledBy`, `includedData`) comma-separated;
   * `maxResultsPerPage` 1-100, default 100. Answers `{orders, pagination?: {nextToken},
   * lastUpdatedBefore}`; the next page is asked for with `paginationToken=<nextToken>` and "all other
   * parameters ... with the same values", except `maxResultsPerPage` and `includedData`; a token
   * expires after 24 hours. Each order carries its `orderItems` whatever `includedData` says.
   * [ASSUMED, medium] A token pages the result fixed when the first page was asked for, in
   * lastUpdatedTime order; an unknown or expired one is 400 InvalidInput.
   */
  searchOrders: '/orders/2026-01-01/orders',
  /**
   * [SPEC] getOrders and getOrderItems, Orders v0: deprecated since 2026-02-25, to be left by
   * 2027-03-27 (external-apis §5.2). The connector no longer calls them; the sandbox serves them as Amazon does to an app
   * without a Restricted Data Token (RESTRICTED_V0_ADDRESS_FIELDS).
   */
  getOrders: '/orders/v0/orders',
  getOrderItems: (orderId: string) => `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`,
} as const;

/**
 * [SPEC] Orders v0's `ShippingAddress` "contains restricted data. Use a Restricted Data Token (RDT)
 * ... to access the restricted data in `ShippingAddress`, for example, `Name`, `AddressLine1`,
 * `AddressLine2`, `AddressLine3`, `Phone`, `AddressType` and `ExtendedFields`"; `BuyerInfo` likewise
 * (`BuyerName`, `BuyerTaxInfo`, `PurchaseOrderNumber`, "for example"). [3P] Without an RDT sellers
 * see only city, state, postal code and country of the address, and nothing of the buyer
 * (selling-partner-api-models#1837, jlevers/selling-partner-api#189). The connector fetches no RDT:
 * Orders 2026-01-01 searchOrders gives the recipient and buyer by the app's role instead.
 */
export const RESTRICTED_V0_ADDRESS_FIELDS = ['Name', 'AddressLine1', 'AddressLine2', 'AddressLine3', 'Phone', 'AddressType', 'ExtendedFields'] as const;

/**
 * [SPEC] v0: "`ShippingAddress` is only available for orders with the following status values:
 * `Unshipped`, `PartiallyShipped`, `Shipped` and `InvoiceUnconfirmed`". [ASSUMED, high] Orders
 * 2026-01-01 says nothing of it; the sandbox withholds recipient and buyer of an unpaid order there
 * too, and intake takes the address in with the payment either way.
 */
export const PENDING_STATUSES: readonly string[] = ['PENDING', 'PENDING_AVAILABILITY'];

/**
 * What searchOrders is asked to include. RECIPIENT and BUYER are the address and buyer; FULFILLMENT
 * carries the order's `fulfillmentStatus` (whether it is paid, cancelled or shipped) and its
 * `shipByWindow`, neither of which the order has without it.
 */
export const INTAKE_DATASETS = ['RECIPIENT', 'BUYER', 'FULFILLMENT'] as const;

/** [SPEC] `includedData` values are a comma-separated list; PACKAGES is "shipping packages and tracking". */
export const INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;

/** [SPEC] Usage plans: requests per second, and burst. */
export const USAGE_PLANS = {
  confirmShipment: { rate: 2, burst: 10 },
  getOrder: { rate: 0.5, burst: 30 },
  getOrders: { rate: 0.0167, burst: 20 },
  /** One request every three minutes: a poll every five minutes stays under it, with the burst for catching up. */
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrderItems: { rate: 0.5, burst: 30 },
} as const;
export type AmazonOperation = keyof typeof USAGE_PLANS;

/**
 * [SPEC] Answers that were not throttled carry the plan's rate in `x-amzn-RateLimit-Limit`; a 429
 * carries only `x-amzn-RequestId`, so how long to wait is ours to work out from the rate.
 */
export const RATE_LIMIT_HEADER = 'x-amzn-ratelimit-limit';
export const REQUEST_ID_HEADER = 'x-amzn-requestid';

/**
 * [SPEC] A seller-chosen package id, unique within the order, "only positive numeric values".
 * [3P] It must be a JSON string: since January 2026 a JSON number is refused as an invalid type
 * (amzn/selling-partner-api-models#5094).
 * [DOC] "If you need to make an edit to the shipment, submit another confirmShipment operation with
 * the same packageReferenceID. The other shipment details are edited upon successful submission"
 * (SP-API docs, "Confirm the shipment status"; the model says only that the id "uniquely identifies
 * a package within the scope of an order"). So a repeated id is no error and no second package: the
 * sandbox replaces that package's details and answers 204. A retried push carries the same id
 * (packageReferenceIdFor), so the worst a replay can do is rewrite the package as it was.
 */
export const PACKAGE_REFERENCE_ID = /^[1-9]\d*$/;

/**
 * [SPEC] `carrierName` is required when `carrierCode` is the catch-all code. The model's text says
 * "Others"; external-apis §5.2 and the feed XSD it points to say `Other`, which is what we send.
 */
export const OTHER_CARRIER_CODE = 'Other';

/**
 * [INFERRED] `carrierCode` values come from the feeds XSD's CarrierCode enumeration, which nobody
 * has checked for us (external-apis §7). The sandbox accepts these by default; OnTrac goes as
 * `Other` + `carrierName`, as §7 recommends, so it needs no code of its own.
 */
export const DEFAULT_CARRIER_CODES = ['UPS', 'USPS', 'FedEx', 'DHL', OTHER_CARRIER_CODE];
