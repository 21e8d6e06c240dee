/**
 * What the Amazon connector and its sandbox both hold true about the Selling Partner API calls that
 * push tracking. Sources, tagged as in external-apis.md: §5.2 of that file; the Orders v0 model
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
   * [SPEC] getOrders, Orders v0: `MarketplaceIds` and `LastUpdatedAfter` (or `CreatedAfter`) required
   * unless `NextToken` is given, `MaxResultsPerPage` 1-100; `{payload: {Orders, NextToken}}`.
   * [DOC] It shows most changes about two minutes after they happen ("Get orders with filtering
   * criteria"), which is why a poll stops short of now. [ASSUMED, medium] NextToken pages a result
   * fixed when the first page was asked for, in LastUpdateDate order, and may be used again until it
   * expires; an unknown or expired NextToken is 400 InvalidInput.
   */
  getOrders: '/orders/v0/orders',
  /** [SPEC] getOrderItems, Orders v0: the items getOrders leaves out, paged by NextToken. */
  getOrderItems: (orderId: string) => `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`,
} as const;

/**
 * [DOC] Buyer details and the shipping address are restricted data: the real API returns them only
 * to an app with the Direct-to-Consumer Delivery role calling with a Restricted Data Token, and not
 * at all while an order is Pending (unpaid). [ASSUMED] The sandbox hands them out with the ordinary
 * access token; the connector does not yet fetch an RDT.
 */
export const PENDING_STATUSES: readonly string[] = ['Pending', 'PendingAvailability'];

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

/**
 * [ASSUMED, medium] Amazon documents no duplicate behaviour (external-apis §8). The sandbox refuses
 * a confirmation whose packageReferenceId the order already has, as 400 InvalidInput, and one that
 * ships more of an item than is left unshipped the same way. The connector does not depend on which
 * it is: it reads the order's packages before confirming, and again after a 400.
 */
export const DUPLICATE_PACKAGE_STATUS = 400;
